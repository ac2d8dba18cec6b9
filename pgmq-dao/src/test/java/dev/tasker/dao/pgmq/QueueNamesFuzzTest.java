package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.consumer.DeadLetterReplay;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of queue names through every public client method that takes one. An oracle written
 * here, independently of {@link QueueNames}, says which names must be refused: empty, pgmq's forbidden characters,
 * NUL, unpaired surrogates, uppercase letters, more than 47 UTF-8 bytes (and, for the project's wrappers, anything
 * but {@code [a-z0-9_]}).
 *
 * <ul>
 *   <li>every refused name fails every method with {@link InvalidQueueNameException} before any round trip (the
 *       client's data source fails the test's way if it is asked for a connection), and every accepted name passes
 *       the checks and reaches the database;</li>
 *   <li>a bounded number of accepted names go through the whole life of a queue on the real database: every method
 *       works on it, {@code exists}, {@code list}, {@code metrics} and {@code metricsAll} agree, and after
 *       {@code drop} nothing of it is left.</li>
 * </ul>
 * {@code -Dfuzz.seed=N} replays another seed.
 */
class QueueNamesFuzzTest extends ClientTestBase {

    private static final long SEED = Long.getLong("fuzz.seed", 18L);
    private static final int OFFLINE_NAMES = 300;
    private static final int DATABASE_NAMES = 6;
    private static final String ROUND_TRIP = "a round trip was attempted (fuzz test)";

    /** Fragments names are made of, uppercase, separators, forbidden and hostile ones among them. */
    private static final String[] FRAGMENTS = {"a", "q", "z", "k", "0", "7", "_", "_", "x", "orders", "A", "Q",
        "-", " ", ".", "$", ";", "--", "'", "é", "ß", "日", "\uD83D\uDE00", "\uD800", "\uDC00", "\u0000", "İ",
        "\u212A", "É", "ǅ", "/", "\"", "\\"};

    /** One public method taking a queue name. */
    private record Operation(String name, boolean wrapperRule, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        void on(PgmqClient client, String queue) throws Exception;
    }

    private static final List<Operation> OPERATIONS = List.of(
            op("create", (c, q) -> c.queues().create(q)),
            op("createUnlogged", (c, q) -> c.queues().createUnlogged(q)),
            op("exists", (c, q) -> c.queues().exists(q)),
            op("metrics", (c, q) -> c.queues().metrics(q)),
            op("purge", (c, q) -> c.queues().purge(q)),
            op("drop", (c, q) -> c.queues().drop(q)),
            op("send", (c, q) -> c.sender().send(q, Map.of("n", 1))),
            op("send delayed", (c, q) -> c.sender().send(q, Map.of("n", 1), Delay.seconds(0))),
            op("send with headers", (c, q) -> c.sender().send(q, Map.of("n", 1), Delay.NONE, Map.of("h", 1))),
            op("sendBatch", (c, q) -> c.sender().sendBatch(q, List.of(1, 2))),
            op("sendBatch delayed", (c, q) -> c.sender().sendBatch(q, List.of(1), Delay.seconds(0))),
            op("sendBatch with headers", (c, q) -> c.sender().sendBatch(q, List.of(1), Delay.NONE, List.of(2))),
            op("sendWithNotify", (c, q) -> c.sender().sendWithNotify(q, Map.of("n", 1))),
            op("sendWithNotify delayed", (c, q) -> c.sender().sendWithNotify(q, Map.of("n", 1), 0)),
            op("sendBatchWithNotify", (c, q) -> c.sender().sendBatchWithNotify(q, List.of(1))),
            op("sendBatchWithNotify delayed", (c, q) -> c.sender().sendBatchWithNotify(q, List.of(1), 0)),
            op("read", (c, q) -> c.reader().read(q, 0, 1)),
            op("read filtered", (c, q) -> c.reader().read(q, 0, 1, Map.of())),
            op("readWithPoll", (c, q) -> c.reader().readWithPoll(q, 0, 1, 0, 10)),
            op("readWithPoll filtered", (c, q) -> c.reader().readWithPoll(q, 0, 1, 0, 10, Map.of())),
            op("pop", (c, q) -> c.reader().pop(q)),
            op("pop one", (c, q) -> c.reader().pop(q, 1)),
            op("delete", (c, q) -> c.settler().delete(q, 1L)),
            op("delete many", (c, q) -> c.settler().delete(q, List.of(1L, 2L))),
            op("archive", (c, q) -> c.settler().archive(q, 1L)),
            op("archive many", (c, q) -> c.settler().archive(q, List.of(1L))),
            op("setVt", (c, q) -> c.settler().setVt(q, 1L, 0)),
            op("setVt many", (c, q) -> c.settler().setVt(q, List.of(1L), 0).size()),
            op("setVt at", (c, q) -> c.settler().setVt(q, 1L, Instant.now())),
            op("setVt many at", (c, q) -> c.settler().setVt(q, List.of(1L), Instant.now())),
            op("replay dead letters", (c, q) -> DeadLetterReplay.using(c).replay(q, 1)),
            wrapper("readSpecific", (c, q) -> c.reader().readSpecific(q, 1L, 0)),
            wrapper("extendVt", (c, q) -> c.settler().extendVt(q, 1L, 0)),
            wrapper("deleteSpecific", (c, q) -> c.settler().deleteSpecific(q, 1L)));

    @Test
    @DisplayName("every refused name fails every method before a round trip; every accepted one gets through")
    void refusedBeforeAnyRoundTrip() {
        PgmqClient offline = PgmqClient.using(refusingDataSource())
                .withFeatures(new PgmqFeatures(Optional.of("1.11.0"), true, true, true, true));
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < OFFLINE_NAMES; i++) {
            String name = randomName(random, 1 + random.nextInt(60));
            for (Operation operation : OPERATIONS) {
                String why = operation.name() + " of " + describe(name) + " (seed " + SEED + ", name " + i + ")";
                if (!acceptable(name, operation.wrapperRule())) {
                    assertThatThrownBy(() -> operation.call().on(offline, name)).as(why)
                            .isInstanceOf(InvalidQueueNameException.class);
                    refused++;
                } else {
                    assertThatThrownBy(() -> operation.call().on(offline, name)).as(why)
                            .isInstanceOf(PgmqException.class).isNotInstanceOf(InvalidQueueNameException.class)
                            .satisfies(e -> assertThat(roundTripAttempted(e)).as(why).isTrue());
                }
            }
        }
        assertThat(refused).as("the generator makes both kinds").isBetween(OFFLINE_NAMES, OFFLINE_NAMES * 30);
    }

    @Test
    @DisplayName("accepted names work with every method on the database, and leave nothing after drop")
    void acceptedNamesWorkEverywhere() throws SQLException {
        Random random = new Random(SEED);
        String run = "fz" + UUID.randomUUID().toString().substring(0, 6);
        int tested = 0;
        while (tested < DATABASE_NAMES) {
            String name = run + tested + "_" + randomName(random, 1 + random.nextInt(30));
            if (!acceptable(name, false)) {
                continue;
            }
            lifeOfAQueue(name);
            tested++;
        }
    }

    @Test
    @DisplayName("metricsAll() leaves out a queue pgmq cannot measure and reports all the others")
    void metricsAllSurvivesABrokenQueue() throws SQLException {
        String healthy = newQueue("fz_healthy");
        String broken = "fz_" + UUID.randomUUID().toString().substring(0, 8) + "_" + "é".repeat(22); // 56 bytes
        execute("SELECT pgmq.create(?::text)", broken); // outside the client: too long for it
        try {
            assertThatThrownBy(() -> rows("SELECT * FROM pgmq.metrics_all()")).as("pgmq's own function fails")
                    .isInstanceOf(SQLException.class);

            assertThat(client.queues().metricsAll()).extracting(QueueMetrics::queueName)
                    .contains(healthy).doesNotContain(broken);
        } finally {
            execute("SELECT pgmq.drop_queue(?::text)", broken);
        }
    }

    @Test
    @DisplayName("a queue registered under an uppercase spelling: exists() sees it, drop() refuses to half-drop it")
    void otherSpellingCreatedOutsideTheClient() throws SQLException {
        String lower = "fz_" + UUID.randomUUID().toString().substring(0, 8);
        String upper = lower.toUpperCase(java.util.Locale.ROOT);
        execute("SELECT pgmq.create(?::text)", upper);
        try {
            assertThat(client.queues().exists(lower)).isTrue();
            assertThatThrownBy(() -> client.queues().drop(lower)).isInstanceOf(InvalidQueueNameException.class)
                    .hasMessageContaining("is registered as \"" + upper + "\"");
            assertThat(value("SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", upper)).isEqualTo(1L);
            assertThat(client.queues().metricsAll()).extracting(QueueMetrics::queueName).contains(upper);
        } finally {
            execute("SELECT pgmq.drop_queue(?::text)", upper);
        }
    }

    /** Runs every method on a new queue {@code name} and checks that they agree. */
    private void lifeOfAQueue(String name) throws SQLException {
        String why = describe(name) + " (seed " + SEED + ")";
        boolean wrapper = acceptable(name, true);
        assertThat(client.queues().create(name)).as(why).isTrue();
        assertThat(client.queues().exists(name)).as(why).isTrue();
        assertThat(client.queues().list()).as(why).extracting(QueueInfo::name).contains(name);
        long sent = client.sender().send(name, Map.of("n", 1), Delay.NONE, Map.of("h", 1));
        List<Long> batch = client.sender().sendBatch(name, List.of(2, 3));
        assertThat(client.queues().metrics(name)).as(why).extracting(QueueMetrics::queueName,
                QueueMetrics::queueLength).containsExactly(name, 3L);
        assertThat(client.queues().metricsAll()).as(why).extracting(QueueMetrics::queueName).contains(name);
        List<Message<JsonNode>> read = client.reader().read(name, 30, 1);
        assertThat(read).as(why).extracting(Message::msgId).containsExactly(sent);
        assertThat(client.settler().setVt(name, sent, 0)).as(why).isPresent();
        if (wrapper) {
            assertThat(client.reader().readSpecific(name, sent, 30)).as(why).isPresent();
            assertThat(client.settler().extendVt(name, sent, 5)).as(why).isTrue();
            assertThat(client.settler().deleteSpecific(name, sent)).as(why).isTrue();
            assertThat(client.sender().sendWithNotify(name, Map.of("n", 4))).as(why).isPositive();
        } else {
            assertThat(client.settler().delete(name, sent)).as(why).isTrue();
            assertThatThrownBy(() -> client.reader().readSpecific(name, sent, 30)).as(why)
                    .isInstanceOf(InvalidQueueNameException.class);
            client.sender().send(name, Map.of("n", 4));
        }
        assertThat(client.settler().archive(name, batch.getFirst())).as(why).isTrue();
        assertThat(client.reader().pop(name)).as(why).isPresent();
        assertThat(client.queues().purge(name)).as(why).isEqualTo(1L);
        assertThatCode(() -> DeadLetterReplay.using(client).replay(name, 1)).as(why).doesNotThrowAnyException();
        assertThat(client.queues().drop(name)).as(why).isTrue();
        assertThat(client.queues().exists(name)).as(why).isFalse();
        assertThat(value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'pgmq' AND c.relname IN (?, ?)", "q_" + name, "a_" + name)).as(why)
                .isEqualTo(0L);
    }

    /** The oracle: whether {@code name} must be accepted (with the wrappers' rule too if {@code wrapper}). */
    private static boolean acceptable(String name, boolean wrapper) {
        if (name.isEmpty() || name.contains("$") || name.contains(";") || name.contains("--")
                || name.contains("'") || name.indexOf('\u0000') >= 0) {
            return false;
        }
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(name));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException unpairedSurrogate) {
            return false;
        }
        boolean hasUppercase = name.codePoints().anyMatch(cp -> Character.isUpperCase(cp)
                || Character.isTitleCase(cp) || Character.toLowerCase(cp) != cp);
        return !hasUppercase && utf8.length <= 47 && (!wrapper || name.matches("[a-z0-9_]+"));
    }

    private static String randomName(Random random, int fragments) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            // mostly plain characters, so that many names are acceptable and lengths vary around the limits
            name.append(random.nextInt(4) > 0 ? FRAGMENTS[random.nextInt(9)] : FRAGMENTS[random.nextInt(
                    FRAGMENTS.length)]);
        }
        return name.toString();
    }

    /** {@code name} with every non-ASCII or control character escaped, for failure messages. */
    private static String describe(String name) {
        StringBuilder text = new StringBuilder("\"");
        name.chars().forEach(c -> text.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return text.append('"').toString();
    }

    private static boolean roundTripAttempted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (ROUND_TRIP.equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** A data source that fails the test's way whenever it is asked for a connection. */
    private static DataSource refusingDataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "toString" -> "a data source refusing connections";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new SQLException(ROUND_TRIP);
                    };
                });
    }

    private static Operation op(String name, Call call) {
        return new Operation(name, false, call);
    }

    private static Operation wrapper(String name, Call call) {
        return new Operation(name, true, call);
    }
}

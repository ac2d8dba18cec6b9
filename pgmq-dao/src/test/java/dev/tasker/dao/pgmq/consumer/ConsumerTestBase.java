package dev.tasker.dao.pgmq.consumer;

import static org.assertj.core.api.Assertions.fail;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqDaoTest;
import dev.tasker.dao.pgmq.notify.Backoff;
import dev.tasker.dao.pgmq.notify.ConnectionFactory;
import dev.tasker.dao.pgmq.notify.ListenerConfig;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the consumer tests: consumers on the class's PGMQ database (closed after each test), and queues arranged
 * and inspected through pgmq's documented SQL API and the project's notify wrappers on {@link #db}.
 */
abstract class ConsumerTestBase extends PgmqDaoTest {

    /** How long something that must happen may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    protected PgmqClient client;
    private final List<PgmqConsumer<?>> consumers = new ArrayList<>();

    @BeforeAll
    void createClient() {
        client = PgmqClient.using(dataSource);
    }

    @AfterEach
    void closeConsumers() {
        consumers.forEach(PgmqConsumer::close);
        consumers.clear();
    }

    /** Fast polling (100 ms), fast error backoff, a unique name. */
    protected static ConsumerConfig config(String queue) {
        return ConsumerConfig.defaults(queue)
                .withName("consumer-test-" + UUID.randomUUID().toString().substring(0, 8))
                .withPollInterval(Duration.ofMillis(100))
                .withErrorBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0));
    }

    /** A polling-only consumer (closed after the test), not started. */
    protected <T> PgmqConsumer<T> polling(Class<T> type, ConsumerConfig config, MessageHandler<T> handler) {
        return track(PgmqConsumer.polling(client, type, config, handler));
    }

    /** A listening consumer on {@code connections} (closed after the test), not started. */
    protected <T> PgmqConsumer<T> listening(Class<T> type, ConsumerConfig config, MessageHandler<T> handler,
                                            ConnectionFactory connections) {
        ListenerConfig listenerConfig = ListenerConfig.defaults().withApplicationName(config.name())
                .withPollTimeout(Duration.ofMillis(200))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(150), 2.0, 0.0));
        return track(PgmqConsumer.listening(client, type, config, handler, connections, listenerConfig));
    }

    /** A factory of new connections to the class's PGMQ database. */
    protected ConnectionFactory connections() {
        return ConnectionFactory.of(pgmq().jdbcUrl(), emptyToNull(pgmq().user()), emptyToNull(pgmq().password()));
    }

    protected <T> PgmqConsumer<T> track(PgmqConsumer<T> consumer) {
        consumers.add(consumer);
        return consumer;
    }

    /** A new queue ({@code pgmq.create}); lowercase letters, digits and underscores. */
    protected String newQueue() throws SQLException {
        String queue = uniqueQueue("consumer");
        execute("SELECT pgmq.create(?::text)", queue);
        return queue;
    }

    /** {@code pgmq.send} of {@code json}, visible after {@code delaySeconds}; the id. */
    protected long send(String queue, String json, int delaySeconds) throws SQLException {
        return ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::integer)", queue, json, delaySeconds))
                .longValue();
    }

    /** {@code pgmq.send_batch} of {@code {"n": 1..count}}; the ids. */
    protected List<Long> sendBatch(String queue, int count) throws SQLException {
        return ids(rows("SELECT * FROM pgmq.send_batch(?::text, ARRAY(SELECT jsonb_build_object('n', g)"
                + " FROM generate_series(1, ?::integer) AS g))", queue, count));
    }

    /** {@code pgmq_send_with_notify} of {@code json}; the id. */
    protected long sendWithNotify(String queue, String json) throws SQLException {
        return ((Number) value("SELECT pgmq_send_with_notify(?::text, ?::jsonb, 0)", queue, json)).longValue();
    }

    /** A plain {@code pgmq.read} of up to {@code qty} messages with {@code vtSeconds}; their ids. */
    protected List<Long> read(String queue, int vtSeconds, int qty) throws SQLException {
        return ids(rows("SELECT msg_id FROM pgmq.read(?::text, ?::integer, ?::integer)", queue, vtSeconds, qty));
    }

    /** The number of messages in {@code pgmq.q_<queue>}. */
    protected long count(String queue) throws SQLException {
        return ((Number) value("SELECT count(*) FROM pgmq.q_" + queue)).longValue();
    }

    /** The ids in {@code pgmq.a_<queue>}, ascending. */
    protected List<Long> archived(String queue) throws SQLException {
        return ids(rows("SELECT msg_id FROM pgmq.a_" + queue + " ORDER BY msg_id"));
    }

    /** The {@code vt} of message {@code msgId} in {@code pgmq.q_<queue>}. */
    protected Instant vtOf(String queue, long msgId) throws SQLException {
        return ((Timestamp) value("SELECT vt FROM pgmq.q_" + queue + " WHERE msg_id = ?", msgId)).toInstant();
    }

    /** The database clock. */
    protected Instant databaseClock() throws SQLException {
        return ((Timestamp) value("SELECT clock_timestamp()")).toInstant();
    }

    /** Waits until {@code condition} holds; fails after {@link #TIMEOUT}. */
    protected static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + TIMEOUT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A condition checked repeatedly. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> ((Number) row.values().iterator().next()).longValue()).toList();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}

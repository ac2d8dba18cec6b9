package dev.tasker.dao.pgmq;

import static dev.tasker.dao.pgmq.Rejections.assertRejected;
import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueReaderTest extends ClientTestBase {

    record Order(String id, int quantity) {
    }

    @Test
    void readTakesVisibleMessagesInIdOrderAndHidesThem() throws SQLException {
        String queue = newQueue("read");
        List<Long> ids = sendAll(queue, "{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}");
        sendRaw(queue, "{\"n\": 4}", 3600);

        List<Message<JsonNode>> batch = client.reader().read(queue, 30, 2);

        assertThat(batch).extracting(Message::msgId).containsExactly(ids.get(0), ids.get(1));
        assertThat(batch).extracting(m -> m.payload().get("n").asInt()).containsExactly(1, 2);
        assertThat(batch).allSatisfy(m -> assertThat(m.readCount()).isEqualTo(1));
        Map<String, Object> stored = row("SELECT read_ct, vt, enqueued_at FROM pgmq.q_" + queue + " WHERE msg_id = ?",
                ids.get(0));
        assertThat(stored.get("read_ct")).isEqualTo(1);
        assertThat(batch.getFirst().visibleAt()).isEqualTo(((Timestamp) stored.get("vt")).toInstant());
        assertThat(batch.getFirst().enqueuedAt()).isEqualTo(((Timestamp) stored.get("enqueued_at")).toInstant());
        assertThat(value("SELECT vt > clock_timestamp() + interval '20 seconds' FROM pgmq.q_" + queue
                + " WHERE msg_id = ?", ids.get(0))).isEqualTo(true);

        assertThat(client.reader().read(queue, 30, 10)).extracting(Message::msgId).containsExactly(ids.get(2));
        assertThat(client.reader().read(queue, 30, 10)).isEmpty();
        assertThat(client.reader().read(queue, 30, 0)).isEmpty();
    }

    @Test
    void aZeroTimeoutLeavesTheMessageVisibleAndCountsEachRead() throws SQLException {
        String queue = newQueue("reread");
        long id = sendRaw(queue, "{}");

        client.reader().read(queue, 0, 1);
        List<Message<JsonNode>> again = client.reader().read(queue, 0, 1);

        assertThat(again).singleElement().satisfies(m -> assertThat(m.readCount()).isEqualTo(2));
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue + " WHERE msg_id = ?", id)).isEqualTo(2);
    }

    @Test
    void readReturnsHeadersAndLastReadAtWhenTheQueueHasThem() throws SQLException {
        String queue = newQueue("headers");
        long withHeaders = ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::integer)",
                queue, "{\"n\": 1}", "{\"trace\": \"t-9\"}", 0)).longValue();
        long withoutHeaders = sendRaw(queue, "{\"n\": 2}");

        List<Message<JsonNode>> messages = client.reader().read(queue, 30, 2);

        assertThat(messages.get(0).msgId()).isEqualTo(withHeaders);
        assertThat(messages.get(0).headers()).hasValueSatisfying(h -> assertThat(h.get("trace").asText())
                .isEqualTo("t-9"));
        assertThat(messages.get(1).msgId()).isEqualTo(withoutHeaders);
        assertThat(messages.get(1).headers()).isEmpty();
        boolean hasLastReadAt = (boolean) value("SELECT EXISTS (SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = 'pgmq' AND table_name = ? AND column_name = 'last_read_at')", "q_" + queue);
        if (hasLastReadAt) {
            Timestamp lastReadAt = (Timestamp) value("SELECT last_read_at FROM pgmq.q_" + queue
                    + " WHERE msg_id = ?", withHeaders);
            assertThat(messages.get(0).lastReadAt()).contains(lastReadAt.toInstant());
        } else {
            assertThat(messages.get(0).lastReadAt()).isEmpty();
        }
    }

    @Test
    void typedReadersMapPayloadsWithJackson() throws SQLException {
        String queue = newQueue("typed");
        sendRaw(queue, "{\"id\": \"o-1\", \"quantity\": 2}");
        sendRaw(queue, "{\"id\": \"o-2\", \"quantity\": 5}");

        assertThat(client.reader(Order.class).read(queue, 0, 1)).extracting(Message::payload)
                .containsExactly(new Order("o-1", 2));
        List<Message<Map<String, Object>>> maps = client.reader(new TypeReference<Map<String, Object>>() {
        }).read(queue, 30, 2);
        assertThat(maps).extracting(Message::payload).containsExactly(Map.of("id", "o-1", "quantity", 2),
                Map.of("id", "o-2", "quantity", 5));
    }

    @Test
    void aPayloadThatDoesNotMapNamesTheMessageAndStaysReadableRaw() throws SQLException {
        String queue = newQueue("unmappable");
        long id = sendRaw(queue, "{\"unexpected\": true}");

        assertThatThrownBy(() -> client.reader(Order.class).read(queue, 0, 1))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageContaining("message " + id + " of queue \"" + queue + "\"")
                .satisfies(e -> assertThat(((PayloadMappingException) e).msgId()).isEqualTo(id));

        assertThat(client.reader().read(queue, 30, 1)).singleElement()
                .satisfies(m -> assertThat(m.payload().get("unexpected").asBoolean()).isTrue());
    }

    @Test
    void mapTurnsARawMessageIntoATypedOneMessageByMessage() throws SQLException {
        String queue = newQueue("mapped");
        long good = sendRaw(queue, "{\"id\": \"o-1\", \"quantity\": 3}");
        long bad = sendRaw(queue, "{\"unexpected\": true}");
        List<Message<JsonNode>> raw = client.reader().read(queue, 30, 2);
        QueueReader<Order> orders = client.reader(Order.class);

        Message<Order> mapped = orders.map(queue, raw.get(0));

        assertThat(mapped).isEqualTo(raw.get(0).withPayload(new Order("o-1", 3)));
        assertThat(mapped.msgId()).isEqualTo(good);
        assertThatThrownBy(() -> orders.map(queue, raw.get(1)))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageContaining("message " + bad + " of queue \"" + queue + "\"")
                .satisfies(e -> assertThat(((PayloadMappingException) e).msgId()).isEqualTo(bad));
        assertThat(client.reader().map(queue, raw.get(1))).isEqualTo(raw.get(1));
    }

    @Test
    void readWithAFilterTakesOnlyContainingPayloads() throws SQLException {
        String queue = newQueue("filtered");
        long firstA = sendRaw(queue, "{\"type\": \"a\"}");
        sendRaw(queue, "{\"type\": \"b\"}");
        long secondA = sendRaw(queue, "{\"type\": \"a\", \"extra\": [1, 2]}");

        List<Message<JsonNode>> matching = client.reader().read(queue, 30, 10, Map.of("type", "a"));

        assertThat(matching).extracting(Message::msgId).containsExactly(firstA, secondA);
        assertThat(rows("SELECT read_ct FROM pgmq.q_" + queue + " ORDER BY msg_id"))
                .extracting(r -> r.get("read_ct")).containsExactly(1, 0, 1);
        assertThat(client.reader().read(queue, 30, 10, "{}")).extracting(m -> m.payload().get("type").asText())
                .containsExactly("b");
        assertThatThrownBy(() -> client.reader().read(queue, 30, 10, null))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("read filter must not be null");
    }

    @Test
    void readWithPollReturnsWhenAMessageArrivesFromAnotherSession() throws Exception {
        String queue = newQueue("polled");
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<List<Message<JsonNode>>> polling = pool.submit(
                    () -> client.reader().readWithPoll(queue, 30, 5, 60, 20));
            awaitPollingBackend(queue);
            long sent = sendRaw(queue, "{\"late\": true}");

            List<Message<JsonNode>> received = polling.get(60, TimeUnit.SECONDS);

            assertThat(received).extracting(Message::msgId).containsExactly(sent);
            assertThat(value("SELECT read_ct FROM pgmq.q_" + queue + " WHERE msg_id = ?", sent)).isEqualTo(1);
        }
    }

    @Test
    void readWithPollReadsAtOnceWhenSomethingIsVisibleAndHonoursTheFilter() throws SQLException {
        String queue = newQueue("polled_now");
        sendRaw(queue, "{\"type\": \"b\"}");
        long wanted = sendRaw(queue, "{\"type\": \"a\"}");

        assertThat(client.reader().readWithPoll(queue, 30, 5, 0, 10)).isEmpty();
        assertThat(client.reader().readWithPoll(queue, 30, 5, 5, 10, Map.of("type", "a")))
                .extracting(Message::msgId).containsExactly(wanted);
        assertRejected(() -> client.reader().readWithPoll(queue, 30, 5, 5, 0), "pollIntervalMs",
                "must be positive, got 0");
        assertRejected(() -> client.reader().readWithPoll(queue, 30, -1, 5, 10, Map.of()), "qty",
                "must not be negative, got -1");
    }

    @Test
    void readSpecificTakesOneVisibleMessageThroughTheWrapper() throws SQLException {
        String queue = newQueue("specific");
        sendRaw(queue, "{\"n\": 1}");
        long target = sendRaw(queue, "{\"n\": 2}");

        Optional<Message<JsonNode>> read = client.reader().readSpecific(queue, target, 30);

        assertThat(read).hasValueSatisfying(m -> {
            assertThat(m.msgId()).isEqualTo(target);
            assertThat(m.readCount()).isEqualTo(1);
            assertThat(m.payload().get("n").asInt()).isEqualTo(2);
            assertThat(m.headers()).isEmpty();
            assertThat(m.lastReadAt()).isEmpty();
        });
        assertThat(rows("SELECT read_ct FROM pgmq.q_" + queue + " ORDER BY msg_id")).extracting(r -> r.get("read_ct"))
                .containsExactly(0, 1);
        assertThat(client.reader().readSpecific(queue, target, 30)).isEmpty();
        assertThat(client.reader().readSpecific(queue, target + 100, 30)).isEmpty();
        assertThatThrownBy(() -> client.reader().readSpecific("has-hyphen", 1, 30))
                .isInstanceOf(InvalidQueueNameException.class).hasMessage("Invalid queue name: has-hyphen");
        String missing = uniqueQueue("specific_missing");
        assertThatThrownBy(() -> client.reader().readSpecific(missing, 1, 30))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("\"" + missing + "\"");
    }

    @Test
    void popDeletesAndReturnsWithoutCountingARead() throws SQLException {
        String queue = newQueue("popped");
        List<Long> ids = sendAll(queue, "{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}");
        sendRaw(queue, "{\"n\": 4}", 3600);

        assertThat(client.reader().pop(queue)).hasValueSatisfying(m -> {
            assertThat(m.msgId()).isEqualTo(ids.get(0));
            assertThat(m.readCount()).isZero();
        });
        assertThat(client.reader().pop(queue, 5)).extracting(Message::msgId).containsExactly(ids.get(1), ids.get(2));
        assertThat(client.reader(Order.class).pop(queue)).isEmpty();
        assertThat(count(queue)).isEqualTo(1L);
    }

    @Test
    void aReadInTheCallersTransactionIsUndoneByItsRollback() throws SQLException {
        String queue = newQueue("read_rollback");
        long id = sendRaw(queue, "{}");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            assertThat(PgmqClient.using(connection).reader().read(queue, 600, 1)).hasSize(1);
            connection.rollback();
        }
        assertThat(row("SELECT read_ct, vt <= clock_timestamp() AS visible FROM pgmq.q_" + queue
                + " WHERE msg_id = ?", id)).containsEntry("read_ct", 0).containsEntry("visible", true);
    }

    @Test
    void badArgumentsAndUnknownQueuesFailClearly() throws Exception {
        String queue = newQueue("read_bad");
        sendRaw(queue, "{}");
        assertRejected(() -> client.reader().read(queue, 30, -1), "qty", "must not be negative, got -1");
        assertRejected(() -> client.reader().read(queue, 30, -2, Map.of()), "qty", "must not be negative, got -2");
        assertRejected(() -> client.reader().pop(queue, -1), "qty", "must not be negative, got -1");
        assertRejectedNull(() -> client.reader().map(queue, null), "message");
        assertThatThrownBy(() -> unreachableClient().reader().pop("x'y", 2))
                .isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name contains invalid characters: $, ;, --, or \\'");
        assertThat(value("SELECT read_ct FROM pgmq.q_" + queue)).isEqualTo(0);
        String missing = uniqueQueue("read_missing");
        assertThatThrownBy(() -> client.reader().read(missing, 30, 1))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("read from queue " + missing);
        assertThatThrownBy(() -> client.reader().pop(missing, 3))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("\"" + missing + "\"");
    }

    /** Waits until a backend of this database runs {@code read_with_poll} (it is then inside its wait loop). */
    private void awaitPollingBackend(String queue) throws SQLException, InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            long polling = ((Number) value("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE '%pgmq.read_with_poll%' AND pid <> pg_backend_pid()")).longValue();
            if (polling > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no backend started read_with_poll on " + queue);
    }
}

package dev.tasker.dao.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class QueueSenderTest extends ClientTestBase {

    record Order(String id, int quantity) {
    }

    @Test
    void sendStoresThePayloadAndReturnsTheId() throws SQLException {
        String queue = newQueue("send");

        long fromRecord = client.sender().send(queue, new Order("o-1", 3));
        long fromText = client.sender().send(queue, "{\"text\": [1, 2]}");
        long fromNode = client.sender().send(queue, JsonNodeFactory.instance.textNode("just a string"));
        long fromMap = client.sender().send(queue, Map.of("k", "v"));

        assertThat(queueRows(queue)).extracting(r -> r.get("msg_id"), r -> r.get("message"), r -> r.get("headers"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(fromRecord, "{\"id\": \"o-1\", \"quantity\": 3}", null),
                        org.assertj.core.groups.Tuple.tuple(fromText, "{\"text\": [1, 2]}", null),
                        org.assertj.core.groups.Tuple.tuple(fromNode, "\"just a string\"", null),
                        org.assertj.core.groups.Tuple.tuple(fromMap, "{\"k\": \"v\"}", null));
    }

    @Test
    void delaysSelectTheIntegerOrTimestamptzOverload() throws SQLException {
        String queue = newQueue("delays");
        Instant at = Instant.parse("2031-02-03T04:05:06.123456Z");

        long zero = client.sender().send(queue, "{}", Delay.seconds(0));
        long minute = client.sender().send(queue, "{}", Delay.seconds(60));
        long absolute = client.sender().send(queue, "{}", Delay.until(at));
        long absoluteWithHeaders = client.sender().send(queue, "{}", Delay.until(at), Map.of("h", 1));
        long relativeWithHeaders = client.sender().send(queue, "{}", Delay.seconds(0), "{\"trace\": \"t-1\"}");

        assertThat(value("SELECT vt <= clock_timestamp() FROM pgmq.q_" + queue + " WHERE msg_id = ?", zero))
                .isEqualTo(true);
        assertThat(value("SELECT vt > clock_timestamp() + interval '50 seconds' FROM pgmq.q_" + queue
                + " WHERE msg_id = ?", minute)).isEqualTo(true);
        assertThat(((Timestamp) value("SELECT vt FROM pgmq.q_" + queue + " WHERE msg_id = ?", absolute)).toInstant())
                .isEqualTo(at);
        assertThat(row("SELECT vt, headers::text AS headers FROM pgmq.q_" + queue + " WHERE msg_id = ?",
                absoluteWithHeaders)).containsEntry("vt", Timestamp.from(at)).containsEntry("headers", "{\"h\": 1}");
        assertThat(value("SELECT headers::text FROM pgmq.q_" + queue + " WHERE msg_id = ?", relativeWithHeaders))
                .isEqualTo("{\"trace\": \"t-1\"}");
    }

    @Test
    void sendBatchSendsEveryPayloadInOneStatementInOrder() throws SQLException {
        String queue = newQueue("batch");
        List<Object> payloads = List.of("{\"quote\": \"a \\\"b\\\" c\"}", Map.of("path", "C:\\dir\\{x}"),
                new Order("o-2", 1), "[\"ü\", \"😀\", \"{,}\"]");

        List<Long> ids = client.sender().sendBatch(queue, payloads);

        assertThat(ids).hasSize(4).isSorted();
        assertThat(queueRows(queue)).extracting(r -> r.get("msg_id")).containsExactlyElementsOf(ids);
        assertThat(queueRows(queue)).extracting(r -> r.get("message")).containsExactly(
                "{\"quote\": \"a \\\"b\\\" c\"}", "{\"path\": \"C:\\\\dir\\\\{x}\"}",
                "{\"id\": \"o-2\", \"quantity\": 1}", "[\"ü\", \"😀\", \"{,}\"]");
    }

    @Test
    void sendBatchWithDelaysAndHeaders() throws SQLException {
        String queue = newQueue("batch_opts");
        Instant at = Instant.parse("2032-01-01T00:00:00.000001Z");

        List<Long> delayed = client.sender().sendBatch(queue, List.of("{\"n\":1}", "{\"n\":2}"), Delay.seconds(120));
        List<Long> absolute = client.sender().sendBatch(queue, List.of("{\"n\":3}"), Delay.until(at),
                List.of(Map.of("h", 3)));
        List<Long> withHeaders = client.sender().sendBatch(queue, List.of("{\"n\":4}", "{\"n\":5}"), Delay.NONE,
                List.of("{\"h\": 4}", "{\"h\": 5}"));

        assertThat(value("SELECT bool_and(vt > clock_timestamp() + interval '100 seconds') FROM pgmq.q_" + queue
                + " WHERE msg_id = ANY(?)", db.createArrayOf("bigint", delayed.toArray()))).isEqualTo(true);
        assertThat(row("SELECT vt, headers::text AS headers FROM pgmq.q_" + queue + " WHERE msg_id = ?",
                absolute.getFirst())).containsEntry("vt", Timestamp.from(at)).containsEntry("headers", "{\"h\": 3}");
        assertThat(rows("SELECT headers::text AS headers FROM pgmq.q_" + queue
                + " WHERE msg_id = ANY(?) ORDER BY msg_id", db.createArrayOf("bigint", withHeaders.toArray())))
                .extracting(r -> r.get("headers")).containsExactly("{\"h\": 4}", "{\"h\": 5}");
    }

    @Test
    void notifyVariantsUseTheProjectsWrappers() throws SQLException {
        String queue = newQueue("notify");
        try (Connection listener = open(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN \"pgmq_message_ready.default\"");

            long single = client.sender().sendWithNotify(queue, Map.of("n", 1));
            long delayed = client.sender().sendWithNotify(queue, Map.of("n", 2), 30);
            List<Long> batch = client.sender().sendBatchWithNotify(queue, List.of("{\"n\":3}", "{\"n\":4}"));
            List<Long> delayedBatch = client.sender().sendBatchWithNotify(queue, List.of("{\"n\":5}"), 30);

            List<String> payloads = notifications(listener, 4);
            assertThat(payloads).hasSize(4);
            assertThat(payloads.get(0)).contains("\"message_ready\"", "\"msg_id\" : " + single);
            assertThat(payloads.get(1)).contains("\"msg_id\" : " + delayed, "\"delay_seconds\" : 30");
            assertThat(payloads.get(2)).contains("\"batch_ready\"", "[" + batch.get(0) + "," + batch.get(1) + "]");
            assertThat(payloads.get(3)).contains("\"batch_ready\"", "\"delay_seconds\" : 30");
            assertThat(queueRows(queue)).extracting(r -> r.get("msg_id"))
                    .containsExactly(single, delayed, batch.get(0), batch.get(1), delayedBatch.getFirst());
            assertThat(value("SELECT count(*) FROM pgmq.q_" + queue + " WHERE vt > clock_timestamp()"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void aSendInTheCallersTransactionIsDeliveredOnlyIfItCommits() throws SQLException {
        String queue = newQueue("outbox");
        execute("CREATE TABLE IF NOT EXISTS outbox_orders (id text PRIMARY KEY)");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            PgmqClient inTransaction = PgmqClient.using(connection);
            insertOrder(connection, "rolled-back");
            inTransaction.sender().send(queue, Map.of("order", "rolled-back"));
            inTransaction.sender().sendBatch(queue, List.of(Map.of("order", "rolled-back-batch")));
            assertThat(count(queue)).isZero();
            connection.rollback();

            insertOrder(connection, "committed");
            long sent = inTransaction.sender().send(queue, Map.of("order", "committed"));
            connection.commit();

            assertThat(queueRows(queue)).extracting(r -> r.get("msg_id"), r -> r.get("message"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(sent, "{\"order\": \"committed\"}"));
        }
        assertThat(rows("SELECT id FROM outbox_orders")).extracting(r -> r.get("id")).containsExactly("committed");
    }

    @Test
    void aSendInAJooqTransactionRollsBackWithIt() throws SQLException {
        String queue = newQueue("outbox_jooq");
        assertThatThrownBy(() -> DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES).transaction(configuration -> {
            PgmqClient.using(configuration).sender().sendWithNotify(queue, Map.of("n", 1));
            throw new IllegalStateException("caller fails after sending");
        })).isInstanceOf(IllegalStateException.class);

        DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES).transaction(configuration ->
                PgmqClient.using(configuration).sender().send(queue, Map.of("n", 2)));

        assertThat(queueRows(queue)).extracting(r -> r.get("message")).containsExactly("{\"n\": 2}");
    }

    @Test
    void badPayloadsAreRejectedBeforeAnyRoundTripAndNothingIsSent() throws Exception {
        String queue = newQueue("bad_payloads");
        PgmqClient offline = unreachableClient();
        for (PgmqClient sender : List.of(client, offline)) {
            assertThatThrownBy(() -> sender.sender().send(queue, null))
                    .isInstanceOf(InvalidPayloadException.class).hasMessage("payload must not be null");
            assertThatThrownBy(() -> sender.sender().send(queue, "not json"))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("payload is not valid JSON");
            assertThatThrownBy(() -> sender.sender().send(queue, "{\"a\": 1} {\"b\": 2}"))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith("payload is not valid JSON");
            assertThatThrownBy(() -> sender.sender().send(queue, "null"))
                    .isInstanceOf(InvalidPayloadException.class).hasMessage("payload must not be JSON null");
            assertThatThrownBy(() -> sender.sender().send(queue, Map.of("s", "a\u0000b")))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("U+0000")
                    .hasMessageContaining("/s");
            assertThatThrownBy(() -> sender.sender().send(queue, "{\"s\": \"\\u0000\"}"))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("U+0000");
            assertThatThrownBy(() -> sender.sender().send(queue, Map.of("k\u0000", 1)))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("key at /k");
            assertThatThrownBy(() -> sender.sender().send(queue, Map.of("x", Double.NaN)))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("NaN");
            assertThatThrownBy(() -> sender.sender().send(queue, Map.of("s", "\ud800")))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("unpaired");
            assertThatThrownBy(() -> sender.sender().send(queue, "{}", Delay.NONE, null))
                    .isInstanceOf(InvalidPayloadException.class).hasMessage("headers must not be null");
            assertThatThrownBy(() -> sender.sender().sendWithNotify(queue, "{\"s\": \"\\u0000\"}"))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("U+0000");
        }
        assertThat(count(queue)).isZero();
    }

    @Test
    void aBatchWithOneBadPayloadSendsNothing() throws Exception {
        String queue = newQueue("bad_batch");
        PgmqClient offline = unreachableClient();
        for (PgmqClient sender : List.of(client, offline)) {
            List<Object> withNul = Arrays.asList("{\"n\": 0}", Map.of("n", 1), Map.of("s", "\u0000"));
            assertThatThrownBy(() -> sender.sender().sendBatch(queue, withNul))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessageStartingWith("payload at index 2 of the batch contains U+0000");
            assertThatThrownBy(() -> sender.sender().sendBatchWithNotify(queue, Arrays.asList("{}", null)))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("payload at index 1 of the batch must not be null");
            assertThatThrownBy(() -> sender.sender().sendBatch(queue, List.of()))
                    .isInstanceOf(InvalidPayloadException.class).hasMessage("msgs cannot be NULL or empty");
            assertThatThrownBy(() -> sender.sender().sendBatch(queue, List.of("{}", "{}"), Delay.NONE,
                    List.of("{}")))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("headers array length (1) must match msgs array length (2)");
            assertThatThrownBy(() -> sender.sender().sendBatch(queue, List.of("{}"), Delay.NONE,
                    List.of("{\"h\": oops}")))
                    .isInstanceOf(InvalidPayloadException.class)
                    .hasMessageStartingWith("headers at index 0 of the batch is not valid JSON");
        }
        assertThat(count(queue)).isZero();
    }

    @Test
    void badQueueNamesAreRejectedBeforeAnyRoundTrip() throws Exception {
        PgmqClient offline = unreachableClient();
        assertThatThrownBy(() -> offline.sender().send("orders$", "{}"))
                .isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name contains invalid characters: $, ;, --, or \\'");
        assertThatThrownBy(() -> offline.sender().sendBatch("a--b", List.of("{}")))
                .isInstanceOf(InvalidQueueNameException.class)
                .hasMessage("queue name contains invalid characters: $, ;, --, or \\'");
        assertThatThrownBy(() -> offline.sender().sendWithNotify(null, "{}"))
                .isInstanceOf(InvalidQueueNameException.class).hasMessage("queue name must not be null");
    }

    @Test
    void sendingToAnUnknownQueueNamesTheQueue() {
        String queue = uniqueQueue("missing");
        assertThatThrownBy(() -> client.sender().send(queue, "{}"))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("\"" + queue + "\"");
        assertThatThrownBy(() -> client.sender().sendBatch(queue, List.of("{}")))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("send batch to queue " + queue);
        assertThatThrownBy(() -> client.sender().sendWithNotify(queue, "{}"))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("\"" + queue + "\"");
        assertThatThrownBy(() -> client.sender().sendBatchWithNotify(queue, List.of("{}")))
                .isInstanceOf(QueueNotFoundException.class).hasMessageContaining("\"" + queue + "\"");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithTheOperation() throws Exception {
        assertThatThrownBy(() -> unreachableClient().sender().send("orders", "{}"))
                .isExactlyInstanceOf(PgmqException.class)
                .hasMessageStartingWith("send to queue orders failed: ");
    }

    private static void insertOrder(Connection connection, String id) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO outbox_orders (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private static List<String> notifications(Connection listener, int expected) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        List<String> payloads = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 50 && payloads.size() < expected; attempt++) {
            PGNotification[] received = pg.getNotifications(200);
            if (received != null) {
                Arrays.stream(received).map(PGNotification::getParameter).forEach(payloads::add);
            }
        }
        return payloads;
    }
}

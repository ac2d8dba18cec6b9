package dev.tasker.schema.pgmq;

import static dev.tasker.schema.pgmq.NotificationListener.forQueue;
import static dev.tasker.schema.pgmq.NotificationListener.keys;
import static dev.tasker.schema.pgmq.NotificationListener.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;

/**
 * LISTEN/NOTIFY of the set (pgmq-api.md A.3.2-A.3.5, A.4; split-and-runtime.md §5): channels, payload keys and
 * values, the valid-JSON size limit, and delivery on commit only.
 */
class NotificationFunctionsTest extends PgmqSchemaTest {

    private static final String GLOBAL = "pgmq_message_ready";
    private static final String QUEUE_CREATED = "pgmq_queue_created";
    private static final List<String> MESSAGE_READY_KEYS =
            List.of("event_type", "msg_id", "queue_name", "namespace", "ready_at", "delay_seconds");
    private static final List<String> BATCH_READY_KEYS = List.of("event_type", "msg_ids", "queue_name", "namespace",
            "message_count", "ready_at", "delay_seconds");

    // ------------------------------------------------------------------------------------------------------------
    // pgmq_send_with_notify

    @Test
    @DisplayName("send_with_notify: message_ready payload on the namespace channel, keys in order, values right")
    void sendNotifiesTheNamespaceChannel() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + "." + namespace)) {
            Instant before = databaseClock();
            long msgId = sendWithNotify(queue, "{\"step\": 1}", 0);
            Instant after = databaseClock();

            List<PGNotification> received = listener.await(1, forQueue(queue));

            assertThat(received).hasSize(1);
            assertThat(received.getFirst().getName()).isEqualTo("pgmq_message_ready." + namespace);
            JsonNode json = payload(received.getFirst());
            assertThat(keys(json)).containsExactlyElementsOf(MESSAGE_READY_KEYS);
            assertThat(json.get("event_type").asText()).isEqualTo("message_ready");
            assertThat(json.get("msg_id").isIntegralNumber()).isTrue();
            assertThat(json.get("msg_id").asLong()).isEqualTo(msgId);
            assertThat(json.get("queue_name").asText()).isEqualTo(queue);
            assertThat(json.get("namespace").asText()).isEqualTo(namespace);
            assertThat(json.get("delay_seconds").isIntegralNumber()).isTrue();
            assertThat(json.get("delay_seconds").asInt()).isZero();
            assertThat(OffsetDateTime.parse(json.get("ready_at").asText()).toInstant()).isBetween(before, after);
        }
    }

    @Test
    @DisplayName("send_with_notify: the same payload also goes to the global channel pgmq_message_ready")
    void sendNotifiesTheGlobalChannelWithTheSamePayload() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            long msgId = sendWithNotify(queue, "{}", 0);

            List<PGNotification> received = listener.await(2, forQueue(queue));

            assertThat(received).extracting(PGNotification::getName)
                    .containsExactly("pgmq_message_ready." + namespace, "pgmq_message_ready");
            JsonNode global = payload(received.get(1));
            assertThat(global).isEqualTo(payload(received.get(0)));
            assertThat(keys(global)).containsExactlyElementsOf(MESSAGE_READY_KEYS);
            assertThat(global.get("msg_id").asLong()).isEqualTo(msgId);
            assertThat(global.get("namespace").asText()).isEqualTo(namespace);
        }
    }

    @Test
    @DisplayName("send_with_notify: exactly one notification per channel for one send")
    void oneSendGivesOneNotificationPerChannel() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            sendWithNotify(queue, "{}", 0);

            assertThat(listener.await(2, forQueue(queue))).hasSize(2);
            assertThat(listener.quiet(forQueue(queue))).hasSize(2);
        }
    }

    @Test
    @DisplayName("send_with_notify: delay_seconds is carried in the payload and delays the message")
    void sendCarriesTheDelay() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + "." + namespace)) {
            long msgId = sendWithNotify(queue, "{}", 7);

            JsonNode json = payload(listener.await(1, forQueue(queue)).getFirst());

            assertThat(json.get("delay_seconds").asInt()).isEqualTo(7);
            assertThat(json.get("msg_id").asLong()).isEqualTo(msgId);
            assertThat(value("SELECT vt > now() + interval '5 seconds' FROM pgmq.q_" + queue + " WHERE msg_id = ?",
                    msgId)).isEqualTo(true);
        }
    }

    @Test
    @DisplayName("send_with_notify: ready_at is the transaction time, an ISO 8601 string with an offset")
    void readyAtIsTheTransactionTime() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + "." + namespace)) {
            db.setAutoCommit(false);
            Instant transactionStart = ((Timestamp) value("SELECT now()")).toInstant();
            sendWithNotify(queue, "{}", 0);
            db.commit();
            db.setAutoCommit(true);

            String readyAt = payload(listener.await(1, forQueue(queue)).getFirst()).get("ready_at").asText();

            assertThat(readyAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}");
            assertThat(OffsetDateTime.parse(readyAt).toInstant()).isEqualTo(transactionStart);
        }
    }

    @Test
    @DisplayName("send_with_notify: orchestration queues notify pgmq_message_ready.orchestration")
    void orchestrationQueuesUseTheOrchestrationChannel() throws Exception {
        String queue = createQueue(unique("orchestration_step_results_"));
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + ".orchestration")) {
            sendWithNotify(queue, "{}", 0);

            List<PGNotification> received = listener.await(1, forQueue(queue));

            assertThat(received).hasSize(1);
            assertThat(payload(received.getFirst()).get("namespace").asText()).isEqualTo("orchestration");
        }
    }

    @Test
    @DisplayName("send_with_notify: queues outside the naming rules (domain events) notify pgmq_message_ready.default")
    void otherQueuesUseTheDefaultChannel() throws Exception {
        String queue = createQueue(unique("fulfillment") + "_domain_events");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + ".default")) {
            sendWithNotify(queue, "{}", 0);

            List<PGNotification> received = listener.await(1, forQueue(queue));

            assertThat(received).hasSize(1);
            assertThat(payload(received.getFirst()).get("namespace").asText()).isEqualTo("default");
        }
    }

    @Test
    @DisplayName("send_with_notify: a missing queue raises and notifies nothing")
    void sendToAMissingQueueRaisesAndNotifiesNothing() throws Exception {
        String namespace = unique("ns");
        String queue = "worker_" + namespace + "_queue";
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            assertThatThrownBy(() -> sendWithNotify(queue, "{}", 0))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("q_" + queue);

            assertThat(listener.quiet(forQueue(queue))).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // pgmq_send_batch_with_notify

    @Test
    @DisplayName("send_batch_with_notify: one batch_ready per channel with msg_ids and message_count; ids returned in order")
    void batchNotifiesOncePerChannel() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            List<Long> ids = sendBatchWithNotify(queue, 3);

            List<PGNotification> received = listener.await(2, forQueue(queue));

            assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
            assertThat(received).extracting(PGNotification::getName)
                    .containsExactly("pgmq_message_ready." + namespace, "pgmq_message_ready");
            JsonNode json = payload(received.getFirst());
            assertThat(payload(received.get(1))).isEqualTo(json);
            assertThat(keys(json)).containsExactlyElementsOf(BATCH_READY_KEYS);
            assertThat(json.get("event_type").asText()).isEqualTo("batch_ready");
            assertThat(numbers(json.get("msg_ids"))).containsExactlyElementsOf(ids);
            assertThat(json.get("message_count").asInt()).isEqualTo(3);
            assertThat(json.get("queue_name").asText()).isEqualTo(queue);
            assertThat(json.get("namespace").asText()).isEqualTo(namespace);
            assertThat(json.get("delay_seconds").asInt()).isZero();
            assertThat(json.has("truncated")).isFalse();
            assertThat(listener.quiet(forQueue(queue))).hasSize(2);
        }
    }

    @Test
    @DisplayName("send_batch_with_notify: a payload over the limit stays valid JSON, truncated=true, no msg_ids")
    void oversizedBatchPayloadIsValidJsonWithoutMsgIds() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        int count = 2_000; // ids 1..2000 alone take about 8.9 kB of JSON, over the 7800-byte limit
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            List<Long> ids = sendBatchWithNotify(queue, count);

            List<PGNotification> received = listener.await(2, forQueue(queue));

            assertThat(ids).hasSize(count);
            assertThat(received).extracting(PGNotification::getName)
                    .containsExactly("pgmq_message_ready." + namespace, "pgmq_message_ready");
            String text = received.getFirst().getParameter();
            assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(7800);
            JsonNode json = payload(received.getFirst());
            assertThat(keys(json)).containsExactly("event_type", "queue_name", "namespace", "message_count",
                    "ready_at", "delay_seconds", "truncated");
            assertThat(json.get("truncated").asBoolean()).isTrue();
            assertThat(json.has("msg_ids")).isFalse();
            assertThat(json.get("event_type").asText()).isEqualTo("batch_ready");
            assertThat(json.get("message_count").asInt()).isEqualTo(count);
            assertThat(json.get("queue_name").asText()).isEqualTo(queue);
            assertThat(json.get("namespace").asText()).isEqualTo(namespace);
            assertThat(payload(received.get(1))).isEqualTo(json);
        }
    }

    @Test
    @DisplayName("send_batch_with_notify: the limit is measured in bytes (octet_length), not characters")
    void payloadLimitCountsBytesNotCharacters() throws Exception {
        assumeTrue("UTF8".equals(value("SHOW server_encoding")), "needs a UTF8 database for multibyte names");
        // 13 two-byte characters in the name, and so in the namespace: the payload has 26 more bytes than characters.
        String namespace = "\u00e9".repeat(13) + unique("");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL)) {
            db.setAutoCommit(false);
            // The full payload this transaction's batch of n messages would carry (the queue is new: ids 1..n, and
            // ready_at is now(), the same in the whole transaction). Take the first n whose payload is over 7800 bytes
            // while still at most 7800 characters.
            Map<String, Object> boundary = row("""
                    SELECT n, length(p) AS characters, octet_length(p) AS bytes
                    FROM generate_series(1000, 3000) AS n,
                         LATERAL (SELECT json_build_object(
                                 'event_type', 'batch_ready',
                                 'msg_ids', ARRAY(SELECT generate_series(1::bigint, n)),
                                 'queue_name', ?::text,
                                 'namespace', extract_queue_namespace(?::text),
                                 'message_count', n,
                                 'ready_at', now()::timestamptz,
                                 'delay_seconds', 0)::text AS p) AS payload
                    WHERE octet_length(p) > 7800
                    ORDER BY n
                    LIMIT 1
                    """, queue, queue);
            int count = ((Number) boundary.get("n")).intValue();
            assertThat(((Number) boundary.get("characters")).intValue()).as("characters").isLessThanOrEqualTo(7800);
            assertThat(((Number) boundary.get("bytes")).intValue()).as("bytes").isGreaterThan(7800);

            List<Long> ids = sendBatchWithNotify(queue, count);
            db.commit();
            db.setAutoCommit(true);

            assertThat(ids).hasSize(count).startsWith(1L).endsWith((long) count);
            PGNotification received = listener.await(1, forQueue(queue)).getFirst();
            assertThat(received.getParameter().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(7800);
            JsonNode json = payload(received);
            assertThat(json.get("truncated").asBoolean()).isTrue();
            assertThat(json.has("msg_ids")).isFalse();
            assertThat(json.get("message_count").asInt()).isEqualTo(count);
            assertThat(json.get("queue_name").asText()).isEqualTo(queue);
            assertThat(json.get("namespace").asText()).isEqualTo(namespace);
        }
    }

    @Test
    @DisplayName("send_batch_with_notify: delay_seconds is carried in the batch payload")
    void batchCarriesTheDelay() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + "." + namespace)) {
            List<Long> ids = longs("SELECT * FROM pgmq_send_batch_with_notify(?::text, "
                    + "ARRAY['{\"a\":1}', '{\"a\":2}']::jsonb[], ?::integer)", queue, 9);

            JsonNode json = payload(listener.await(1, forQueue(queue)).getFirst());

            assertThat(json.get("delay_seconds").asInt()).isEqualTo(9);
            assertThat(numbers(json.get("msg_ids"))).containsExactlyElementsOf(ids);
        }
    }

    @Test
    @DisplayName("send_batch_with_notify: an empty batch notifies nothing (pgmq 1.11 rejects it; where pgmq accepts it, no ids are returned)")
    void anEmptyBatchNotifiesNothing() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace)) {
            try {
                assertThat(longs("SELECT * FROM pgmq_send_batch_with_notify(?::text, ARRAY[]::jsonb[])", queue))
                        .isEmpty();
            } catch (PSQLException e) {
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("msgs cannot be NULL or empty");
            }

            assertThat(listener.quiet(forQueue(queue))).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // queue created

    @Test
    @DisplayName("pgmq.create notifies pgmq_queue_created with event_type, queue_name, namespace, created_at")
    void createNotifiesQueueCreated() throws Exception {
        String namespace = unique("ns");
        String queue = "worker_" + namespace + "_queue";
        try (NotificationListener listener = NotificationListener.listen(endpoint, QUEUE_CREATED)) {
            createQueue(queue);

            List<PGNotification> received = listener.await(1, forQueue(queue));

            assertThat(received).hasSize(1);
            assertThat(received.getFirst().getName()).isEqualTo(QUEUE_CREATED);
            JsonNode json = payload(received.getFirst());
            assertThat(keys(json)).containsExactly("event_type", "queue_name", "namespace", "created_at");
            assertThat(json.get("event_type").asText()).isEqualTo("queue_created");
            assertThat(json.get("queue_name").asText()).isEqualTo(queue);
            assertThat(json.get("namespace").asText()).isEqualTo(namespace);
            Instant createdAt = ((Timestamp) value("SELECT created_at FROM pgmq.meta WHERE queue_name = ?", queue))
                    .toInstant();
            assertThat(OffsetDateTime.parse(json.get("created_at").asText()).toInstant()).isEqualTo(createdAt);
            assertThat(listener.quiet(forQueue(queue))).hasSize(1);
        }
    }

    @Test
    @DisplayName("re-creating an existing queue sends no queue_created notification")
    void reCreatingAQueueNotifiesNothing() throws Exception {
        String queue = createQueue(unique("recreated_") + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, QUEUE_CREATED)) {
            rows("SELECT pgmq.create(?::text)", queue);

            assertThat(listener.quiet(forQueue(queue))).isEmpty();
        }
    }

    @Test
    @DisplayName("a client inserting into pgmq.meta itself (as pgmq-rs does) also triggers queue_created")
    void aDirectInsertIntoMetaNotifies() throws Exception {
        String queue = unique("orchestration_direct_");
        try (NotificationListener listener = NotificationListener.listen(endpoint, QUEUE_CREATED)) {
            try {
                execute("INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged) VALUES (?, false, false)",
                        queue);

                List<PGNotification> received = listener.await(1, forQueue(queue));

                assertThat(received).hasSize(1);
                assertThat(payload(received.getFirst()).get("namespace").asText()).isEqualTo("orchestration");
            } finally {
                execute("DELETE FROM pgmq.meta WHERE queue_name = ?", queue);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // transactions

    @Test
    @DisplayName("notifications are delivered on commit, not while the sending transaction is open")
    void notificationsArriveOnCommit() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        try (NotificationListener listener = NotificationListener.listen(endpoint, GLOBAL + "." + namespace)) {
            db.setAutoCommit(false);
            sendWithNotify(queue, "{}", 0);

            assertThat(listener.quiet(forQueue(queue))).isEmpty();

            db.commit();
            db.setAutoCommit(true);
            assertThat(listener.await(1, forQueue(queue))).hasSize(1);
        }
    }

    @Test
    @DisplayName("a rolled-back send, batch or queue creation notifies nothing")
    void rolledBackWorkNotifiesNothing() throws Exception {
        String namespace = unique("ns");
        String queue = createQueue("worker_" + namespace + "_queue");
        String newQueue = unique("rolled_back_") + "_queue";
        try (NotificationListener listener =
                     NotificationListener.listen(endpoint, GLOBAL, GLOBAL + "." + namespace, QUEUE_CREATED)) {
            db.setAutoCommit(false);
            sendWithNotify(queue, "{}", 0);
            sendBatchWithNotify(queue, 2);
            rows("SELECT pgmq.create(?::text)", newQueue);
            db.rollback();
            db.setAutoCommit(true);

            assertThat(listener.quiet(forQueue(queue).or(forQueue(newQueue)))).isEmpty();
            assertThat(value("SELECT count(*) FROM pgmq.q_" + queue)).isEqualTo(0L);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private Instant databaseClock() throws SQLException {
        return ((Timestamp) value("SELECT clock_timestamp()")).toInstant();
    }

    private long sendWithNotify(String queue, String json, int delaySeconds) throws SQLException {
        return ((Number) value("SELECT pgmq_send_with_notify(?::text, ?::jsonb, ?::integer)", queue, json,
                delaySeconds)).longValue();
    }

    /** Sends {@code count} small messages in one batch; the returned ids in result order. */
    private List<Long> sendBatchWithNotify(String queue, int count) throws SQLException {
        return longs("SELECT * FROM pgmq_send_batch_with_notify(?::text, "
                + "ARRAY(SELECT jsonb_build_object('n', g) FROM generate_series(1, ?::integer) AS g))", queue, count);
    }

    private List<Long> longs(String sql, Object... parameters) throws SQLException {
        List<Long> result = new ArrayList<>();
        for (Map<String, Object> row : rows(sql, parameters)) {
            result.add(((Number) row.values().iterator().next()).longValue());
        }
        return result;
    }

    private static List<Long> numbers(JsonNode array) {
        assertThat(array.isArray()).as("a JSON array: %s", array).isTrue();
        List<Long> result = new ArrayList<>();
        array.forEach(element -> {
            assertThat(element.isIntegralNumber()).as("a JSON number: %s", element).isTrue();
            result.add(element.asLong());
        });
        return result;
    }
}

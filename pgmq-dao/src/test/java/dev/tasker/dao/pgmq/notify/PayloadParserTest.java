package dev.tasker.dao.pgmq.notify;

import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.notify.NotificationEvent.BatchReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueCreated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueInsert;
import dev.tasker.dao.pgmq.notify.NotificationEvent.ReadyTruncated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.Unparsed;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Payload shapes the database tests cannot produce (pgmq-api.md A.4: listeners tolerate missing optional keys and
 * ignore unknown ones; anything else is delivered as Unparsed, never dropped).
 */
class PayloadParserTest {

    private static final Channel CHANNEL = Channel.messageReady("rust");

    @Test
    @DisplayName("message_ready without ready_at and delay_seconds, with unknown keys (upstream's metadata)")
    void messageReadyToleratesMissingOptionalAndUnknownKeys() {
        NotificationEvent event = PayloadParser.parse(CHANNEL, """
                {"event_type":"message_ready","msg_id":9007199254740993,"queue_name":"worker_rust_queue",
                 "namespace":"rust","metadata":{"a":1},"visibility_timeout_seconds":30}""");

        assertThat(event).isEqualTo(new MessageReady(CHANNEL, "worker_rust_queue", "rust", 9_007_199_254_740_993L,
                Optional.empty(), 0));
    }

    @Test
    @DisplayName("batch_ready without message_count counts its ids; ready_at keeps its offset")
    void batchReadyCountsItsIds() {
        NotificationEvent event = PayloadParser.parse(CHANNEL, """
                {"event_type":"batch_ready","msg_ids":[4,5],"queue_name":"q_queue","namespace":"q",
                 "ready_at":"2026-01-10T12:34:56.789012+05:30","delay_seconds":2}""");

        assertThat(event).isEqualTo(new BatchReady(CHANNEL, "q_queue", "q", List.of(4L, 5L), 2,
                Optional.of(OffsetDateTime.parse("2026-01-10T12:34:56.789012+05:30")), 2));
    }

    @Test
    @DisplayName("truncated message_ready and batch_ready payloads become ReadyTruncated, count optional")
    void truncatedPayloads() {
        assertThat(PayloadParser.parse(CHANNEL, """
                {"event_type":"message_ready","queue_name":"q","namespace":"default","truncated":true}"""))
                .isEqualTo(new ReadyTruncated(CHANNEL, "message_ready", "q", "default", OptionalInt.empty(),
                        Optional.empty(), 0));
        assertThat(PayloadParser.parse(CHANNEL, """
                {"event_type":"batch_ready","queue_name":"q","namespace":"default","message_count":7,
                 "truncated":true}"""))
                .isEqualTo(new ReadyTruncated(CHANNEL, "batch_ready", "q", "default", OptionalInt.of(7),
                        Optional.empty(), 0));
    }

    @Test
    @DisplayName("queue_created without namespace and created_at")
    void queueCreatedWithOnlyTheName() {
        assertThat(PayloadParser.parse(Channel.QUEUE_CREATED, "{\"event_type\":\"queue_created\",\"queue_name\":\"q\"}"))
                .isEqualTo(new QueueCreated(Channel.QUEUE_CREATED, "q", Optional.empty(), Optional.empty()));
    }

    @Test
    @DisplayName("native insert channels give QueueInsert whatever the payload")
    void nativeInsertChannel() {
        Channel channel = Channel.queueInsert("Orders_Queue");

        assertThat(PayloadParser.parse(channel, "")).isEqualTo(new QueueInsert(channel, "orders_queue"));
        assertThat(PayloadParser.parse(channel, null)).isEqualTo(new QueueInsert(channel, "orders_queue"));
    }

    @Test
    @DisplayName("wrong shapes are Unparsed with the reason; the payload is kept as received")
    void wrongShapesAreUnparsed() {
        assertThat(reason("")).isEqualTo("payload is not a JSON object");
        assertThat(reason("[1,2]")).isEqualTo("payload is not a JSON object");
        assertThat(reason("{\"queue_name\":\"q\"}")).isEqualTo("missing key 'event_type'");
        assertThat(reason("{\"event_type\":\"batch_ready\",\"queue_name\":\"q\",\"namespace\":\"n\"}"))
                .isEqualTo("missing array 'msg_ids'");
        assertThat(reason("{\"event_type\":\"message_ready\",\"queue_name\":\"q\",\"namespace\":\"n\","
                + "\"msg_id\":\"12\"}")).startsWith("'msg_id' holds a value that is not a 64-bit integer");
        assertThat(reason("{\"event_type\":\"message_ready\",\"queue_name\":\"q\",\"namespace\":\"n\","
                + "\"msg_id\":1,\"delay_seconds\":1.5}")).startsWith("'delay_seconds' is not an integer");
        assertThat(reason("{\"event_type\":\"message_ready\",\"queue_name\":\"q\",\"namespace\":\"n\","
                + "\"msg_id\":1,\"ready_at\":\"yesterday\"}")).startsWith("'ready_at' is not an ISO 8601 timestamp");
        assertThat(reason("{\"event_type\":7}")).startsWith("'event_type' is not a string");
        assertThat(reason("not json")).startsWith("payload is not valid JSON: ");
    }

    private static String reason(String payload) {
        NotificationEvent event = PayloadParser.parse(CHANNEL, payload);
        assertThat(event).isInstanceOf(Unparsed.class);
        assertThat(((Unparsed) event).payload()).isEqualTo(payload);
        return ((Unparsed) event).reason();
    }

    @Test
    @DisplayName("events and connection events reject a null component, naming it")
    void eventsRejectNullComponents() {
        Optional<OffsetDateTime> none = Optional.empty();
        assertRejectedNull(() -> new QueueCreated(CHANNEL, null, Optional.empty(), none), "queue");
        assertRejectedNull(() -> new MessageReady(null, "q", "ns", 1, none, 0), "channel");
        assertRejectedNull(() -> new BatchReady(CHANNEL, "q", null, List.of(1L), 1, none, 0), "namespace");
        assertRejectedNull(() -> new ReadyTruncated(CHANNEL, null, "q", "ns", OptionalInt.empty(), none, 0),
                "eventType");
        assertRejectedNull(() -> new QueueInsert(CHANNEL, null), "queue");
        assertRejectedNull(() -> new Unparsed(CHANNEL, null, "why"), "payload");
        assertRejectedNull(() -> new ConnectionEvent.Disconnected(null), "reason");
        assertRejectedNull(() -> new ConnectionEvent.ConnectFailed(1, "refused", null), "retryIn");
        assertRejectedNull(() -> new ConnectionEvent.Reconnected(1, 1, null, Set.of()), "downtime");
        assertThat(new ConnectionEvent.Connected(7, 1, Set.of(CHANNEL)).channels()).containsExactly(CHANNEL);
    }
}

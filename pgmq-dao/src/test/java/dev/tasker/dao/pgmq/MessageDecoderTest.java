package dev.tasker.dao.pgmq;

import static dev.tasker.dao.pgmq.Rejections.assertRejectedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Message rows are decoded by column name, whatever the order and whether optional columns exist. */
class MessageDecoderTest extends ClientTestBase {

    record Order(String id, int quantity) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void columnsInAnotherOrderWithoutHeadersOrLastReadAt() throws SQLException {
        String queue = newQueue("decode_reordered");
        long id = ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::integer)", queue,
                "{\"id\": \"o-7\", \"quantity\": 7}", "{\"h\": 1}", 0)).longValue();
        Map<String, Object> stored = row("SELECT vt, enqueued_at FROM pgmq.q_" + queue);

        List<Message<Order>> decoded = decoder(Order.class, queue).decodeAll(client.dsl().fetch(
                "SELECT message, vt, msg_id, enqueued_at, read_ct FROM pgmq.q_" + queue));

        assertThat(decoded).singleElement().satisfies(m -> {
            assertThat(m.msgId()).isEqualTo(id);
            assertThat(m.readCount()).isZero();
            assertThat(m.payload()).isEqualTo(new Order("o-7", 7));
            assertThat(m.visibleAt()).isEqualTo(((Timestamp) stored.get("vt")).toInstant());
            assertThat(m.enqueuedAt()).isEqualTo(((Timestamp) stored.get("enqueued_at")).toInstant());
            assertThat(m.headers()).isEmpty();
            assertThat(m.lastReadAt()).isEmpty();
        });
    }

    @Test
    void optionalColumnsLastAndUnknownColumnsIgnored() throws SQLException {
        String queue = newQueue("decode_extra");
        long id = ((Number) value("SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::integer)", queue,
                "[1, 2]", "{\"h\": \"x\"}", 0)).longValue();
        Timestamp readAt = Timestamp.valueOf("2030-05-06 07:08:09.123456");

        List<Message<JsonNode>> decoded = decoder(JsonNode.class, queue).decodeAll(client.dsl().fetch(
                "SELECT 'ignored' AS archived_note, headers, read_ct, message, enqueued_at, msg_id, vt,"
                        + " ?::timestamptz AS last_read_at FROM pgmq.q_" + queue, readAt));

        assertThat(decoded).singleElement().satisfies(m -> {
            assertThat(m.msgId()).isEqualTo(id);
            assertThat(m.payload().size()).isEqualTo(2);
            assertThat(m.headers()).hasValueSatisfying(h -> assertThat(h.get("h").asText()).isEqualTo("x"));
            assertThat(m.lastReadAt()).contains(readAt.toInstant());
        });
    }

    @Test
    void aNullMessageAndNullHeadersDecodeAsJsonNullAndEmpty() throws SQLException {
        String queue = newQueue("decode_null");
        sendRaw(queue, "{}");

        List<Message<JsonNode>> decoded = decoder(JsonNode.class, queue).decodeAll(client.dsl().fetch(
                "SELECT msg_id, read_ct, enqueued_at, vt, NULL::jsonb AS message, NULL::jsonb AS headers,"
                        + " NULL::timestamptz AS last_read_at FROM pgmq.q_" + queue));

        assertThat(decoded).singleElement().satisfies(m -> {
            assertThat(m.payload().isNull()).isTrue();
            assertThat(m.headers()).isEmpty();
            assertThat(m.lastReadAt()).isEmpty();
        });
    }

    @Test
    void aMissingRequiredColumnIsNamed() throws SQLException {
        String queue = newQueue("decode_missing");
        sendRaw(queue, "{}");

        assertThatThrownBy(() -> decoder(JsonNode.class, queue).decodeAll(client.dsl().fetch(
                "SELECT msg_id, enqueued_at, vt, message FROM pgmq.q_" + queue)))
                .isInstanceOf(PgmqException.class).hasMessageStartingWith("message row has no column read_ct");
    }

    @Test
    void aMessageNeedsItsTimesAndOptionalsAndKeepsThemWithAnotherPayload() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Message<String> message = new Message<>(1, 2, now, now, "a", Optional.empty(), Optional.of(now));
        assertThat(message.withPayload(3)).isEqualTo(new Message<>(1, 2, now, now, 3, Optional.empty(),
                Optional.of(now)));
        assertRejectedNull(() -> new Message<>(1, 0, null, now, "a", Optional.empty(), Optional.empty()),
                "enqueuedAt");
        assertRejectedNull(() -> new Message<>(1, 0, now, null, "a", Optional.empty(), Optional.empty()),
                "visibleAt");
        assertRejectedNull(() -> new Message<>(1, 0, now, now, "a", null, Optional.empty()), "headers");
        assertRejectedNull(() -> new Message<>(1, 0, now, now, "a", Optional.empty(), null), "lastReadAt");
    }

    private <T> MessageDecoder<T> decoder(Class<T> type, String queue) {
        JavaType javaType = mapper.constructType(type);
        return new MessageDecoder<>(new PayloadCodec(mapper), javaType, queue);
    }
}

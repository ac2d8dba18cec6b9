package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * Decodes {@code pgmq.message_record} rows by column name, never by position: {@code msg_id}, {@code read_ct},
 * {@code enqueued_at}, {@code vt} and {@code message} are required; {@code headers} and {@code last_read_at} are
 * optional (absent before pgmq 1.5 / 1.10, from the project's read-specific wrapper, or from queue tables built by
 * other clients). Columns may come in any order; unknown columns are ignored.
 */
final class MessageDecoder<T> {

    private final PayloadCodec codec;
    private final JavaType payloadType;
    private final String queue;

    MessageDecoder(PayloadCodec codec, JavaType payloadType, String queue) {
        this.codec = codec;
        this.payloadType = payloadType;
        this.queue = queue;
    }

    /** Every row of {@code rows} as a message, in row order. */
    List<Message<T>> decodeAll(List<? extends Record> rows) {
        List<Message<T>> messages = new ArrayList<>(rows.size());
        for (Record row : rows) {
            messages.add(decode(row));
        }
        return List.copyOf(messages);
    }

    /** One row as a message; throws {@link PayloadMappingException} if the payload does not map. */
    Message<T> decode(Record row) {
        long msgId = require(row, "msg_id", Long.class);
        JsonNode payload = json(row, "message").orElseGet(() -> codec.mapper().nullNode());
        T mapped;
        try {
            mapped = codec.map(payload, payloadType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadMappingException(queue, msgId, payloadType.toString(), e);
        }
        return new Message<>(msgId, require(row, "read_ct", Integer.class), Timestamps.require(row, "enqueued_at"),
                Timestamps.require(row, "vt"), mapped, json(row, "headers"), Timestamps.get(row, "last_read_at"));
    }

    private Optional<JsonNode> json(Record row, String column) {
        if (row.indexOf(column) < 0) {
            return Optional.empty();
        }
        Object value = row.get(column);
        String text = switch (value) {
            case null -> null;
            case JSONB jsonb -> jsonb.data();
            case JSON json -> json.data();
            default -> value.toString();
        };
        return Optional.ofNullable(text).map(codec::parse);
    }

    private static <V> V require(Record row, String column, Class<V> type) {
        if (row.indexOf(column) < 0) {
            throw new PgmqException("message row has no column " + column + " (columns: " + row.fieldsRow() + ")");
        }
        V value = row.get(column, type);
        if (value == null) {
            throw new PgmqException("message row has NULL in column " + column);
        }
        return value;
    }
}

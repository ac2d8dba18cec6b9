package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Instant;
import java.util.Optional;

/**
 * One message as pgmq returns it ({@code pgmq.message_record}), with its payload mapped to {@code T}.
 *
 * @param msgId the message id
 * @param readCount how often the message was read ({@code read_ct}; {@code pop} does not count)
 * @param enqueuedAt when it was sent
 * @param visibleAt its visibility timeout ({@code vt}): hidden from readers until then
 * @param payload the message body ({@code message})
 * @param headers the {@code headers} column; empty when NULL or when the queue or function has no such column
 * @param lastReadAt {@code last_read_at} (pgmq 1.10+); empty when never read or not present
 * @param <T> the payload type ({@link JsonNode} for raw access)
 */
public record Message<T>(long msgId, int readCount, Instant enqueuedAt, Instant visibleAt, T payload,
        Optional<JsonNode> headers, Optional<Instant> lastReadAt) {

    /** Rejects null components (use empty optionals for absent values). */
    public Message {
        Arguments.required("enqueuedAt", enqueuedAt);
        Arguments.required("visibleAt", visibleAt);
        Arguments.required("headers", headers);
        Arguments.required("lastReadAt", lastReadAt);
    }

    /** This message with {@code newPayload} in place of its payload. */
    public <U> Message<U> withPayload(U newPayload) {
        return new Message<>(msgId, readCount, enqueuedAt, visibleAt, newPayload, headers, lastReadAt);
    }
}

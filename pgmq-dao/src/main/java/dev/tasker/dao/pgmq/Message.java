package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Instant;
import java.util.Optional;

/**
 * One message as pgmq returns it ({@code pgmq.message_record}), with its payload mapped to {@code T}.
 *
 * <p>Rows are decoded by column name, never by position, so this works on pgmq 1.5.1 through 1.11 and with the
 * project's read-specific wrapper: {@code msg_id}, {@code read_ct}, {@code enqueued_at}, {@code vt} and
 * {@code message} are required; {@code headers} (pgmq 1.5+) and {@code last_read_at} (pgmq 1.10+, where it may
 * come last) are optional and empty when absent; unknown columns are ignored.
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

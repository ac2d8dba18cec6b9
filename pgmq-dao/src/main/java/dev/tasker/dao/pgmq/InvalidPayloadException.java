package dev.tasker.dao.pgmq;

/**
 * A message payload, headers value or read filter cannot be sent as PostgreSQL {@code jsonb}: null, not JSON, or
 * holding something {@code jsonb} cannot store (such as U+0000). Raised before any round trip, so nothing was sent.
 */
public class InvalidPayloadException extends PgmqException {

    private static final long serialVersionUID = 1L;

    /** The payload is rejected because of {@code reason}, which names the value and what is wrong with it. */
    public InvalidPayloadException(String reason) {
        super(reason);
    }

    /** As {@link #InvalidPayloadException(String)}, caused by {@code cause} (e.g. a JSON parse error). */
    public InvalidPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

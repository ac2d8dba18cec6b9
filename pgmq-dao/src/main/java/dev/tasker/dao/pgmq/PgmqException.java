package dev.tasker.dao.pgmq;

/**
 * The one exception type of pgmq-dao. Subclasses name failures the caller can act on (an invalid or unknown
 * queue, a payload that cannot be sent); this class itself reports an unexpected database error, with the operation
 * that failed in the message and the jOOQ/JDBC exception as the cause.
 */
public class PgmqException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with {@code message} and no cause. */
    public PgmqException(String message) {
        super(message);
    }

    /** An error with {@code message}, caused by {@code cause}. */
    public PgmqException(String message, Throwable cause) {
        super(message, cause);
    }
}

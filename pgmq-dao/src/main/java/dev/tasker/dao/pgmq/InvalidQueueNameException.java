package dev.tasker.dao.pgmq;

/**
 * A queue name was rejected before any round trip. The message is pgmq's own error text where pgmq has one (e.g.
 * {@code queue name is too long, maximum length is 47 characters}); {@link #queueName()} is the rejected name.
 */
public class InvalidQueueNameException extends PgmqException {

    private static final long serialVersionUID = 1L;

    private final String queueName;

    /** {@code queueName} (possibly null) is rejected with {@code message}. */
    public InvalidQueueNameException(String queueName, String message) {
        super(message);
        this.queueName = queueName;
    }

    /** The rejected name; null when the caller passed none. */
    public String queueName() {
        return queueName;
    }
}

package dev.tasker.dao.pgmq;

/** The queue an operation named does not exist in the PGMQ database. */
public class QueueNotFoundException extends PgmqException {

    private static final long serialVersionUID = 1L;

    private final String queueName;

    /** {@code queueName} was not found while running {@code operation}; {@code cause} is the database error. */
    public QueueNotFoundException(String operation, String queueName, Throwable cause) {
        super(operation + " failed: queue \"" + queueName + "\" does not exist", cause);
        this.queueName = queueName;
    }

    /** The name of the missing queue, as the caller passed it. */
    public String queueName() {
        return queueName;
    }
}

package dev.tasker.migrator;

/** The one exception type of the migrator module: bad configuration, unreachable databases, failed migrations. */
public class MigratorException extends RuntimeException {

    /** An exception with a message that says what was wrong and, where possible, what to do. */
    public MigratorException(String message) {
        super(message);
    }

    /** The same, keeping the cause. */
    public MigratorException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tasker.database;

/** The one exception type of this module: a database could not be provided, with a message naming why. */
public final class DatabaseProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseProviderException(String message) {
        super(message);
    }

    public DatabaseProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tasker.dao.tasker;

/**
 * The operation lost a race or met a row it must not overwrite (a concurrent transition won, a unique key is
 * taken, the transaction was chosen as a deadlock or serialization victim). Nothing of the operation was written;
 * retrying after re-reading the current state is safe. {@link #entity()} and {@link #id()} name the row in
 * conflict (either may be null when the database did not say which).
 */
public class ConflictException extends EntityException {

    private static final long serialVersionUID = 1L;

    /** A conflict on {@code entity} {@code id}, described by {@code message}. */
    public ConflictException(String entity, Object id, String message) {
        this(entity, id, message, null);
    }

    /** A conflict on {@code entity} {@code id}, described by {@code message}, caused by {@code cause}. */
    public ConflictException(String entity, Object id, String message, Throwable cause) {
        super(entity, id, message, cause);
    }
}

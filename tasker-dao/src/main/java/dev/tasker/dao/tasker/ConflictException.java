package dev.tasker.dao.tasker;

/**
 * The operation lost a race or met a row it must not overwrite (a concurrent transition won, a unique key is
 * taken, the transaction was chosen as a deadlock or serialization victim). Nothing of the operation was written;
 * retrying after re-reading the current state is safe.
 */
public class ConflictException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final transient Object id;

    /** A conflict on {@code entity} {@code id}, described by {@code message}. */
    public ConflictException(String entity, Object id, String message) {
        this(entity, id, message, null);
    }

    /** A conflict on {@code entity} {@code id}, described by {@code message}, caused by {@code cause}. */
    public ConflictException(String entity, Object id, String message, Throwable cause) {
        super(message, cause);
        this.entity = entity;
        this.id = id;
    }

    /** The kind of row in conflict, e.g. {@code "task"}. */
    public String entity() {
        return entity;
    }

    /** The key of the row in conflict (may be null when the database did not say which). */
    public Object id() {
        return id;
    }
}

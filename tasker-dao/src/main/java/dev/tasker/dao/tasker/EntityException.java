package dev.tasker.dao.tasker;

/**
 * A failure about one row the caller can name: {@link #entity()} is its kind, {@link #id()} its key. The common
 * base of {@link NotFoundException} and {@link ConflictException}.
 */
public abstract class EntityException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final transient Object id;

    /** A failure about {@code entity} {@code id}, described by {@code message}, caused by {@code cause}. */
    protected EntityException(String entity, Object id, String message, Throwable cause) {
        super(message, cause);
        this.entity = entity;
        this.id = id;
    }

    /** The kind of row, e.g. {@code "task"} or {@code "workflow step"} (null when the database did not say). */
    public String entity() {
        return entity;
    }

    /** The key of the row: a uuid, a name, or a list of the natural key (null when the database did not say). */
    public Object id() {
        return id;
    }
}

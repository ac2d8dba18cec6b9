package dev.tasker.dao.tasker;

/** A row the operation needs does not exist: {@link #entity()} names the kind, {@link #id()} the key looked for. */
public class NotFoundException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final transient Object id;

    /** {@code entity} (e.g. "task") with key {@code id} does not exist. */
    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
        this.entity = entity;
        this.id = id;
    }

    /** {@code entity} with key {@code id} does not exist; {@code message} says more. */
    public NotFoundException(String entity, Object id, String message, Throwable cause) {
        super(message, cause);
        this.entity = entity;
        this.id = id;
    }

    /** The kind of row that was missing, e.g. {@code "task"} or {@code "workflow step"}. */
    public String entity() {
        return entity;
    }

    /** The key that was looked for (a uuid, a name, or a record of the natural key). */
    public Object id() {
        return id;
    }
}

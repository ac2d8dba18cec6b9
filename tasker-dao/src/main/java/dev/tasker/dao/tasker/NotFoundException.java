package dev.tasker.dao.tasker;

/** A row the operation needs does not exist: {@link #entity()} names the kind, {@link #id()} the key looked for. */
public class NotFoundException extends EntityException {

    private static final long serialVersionUID = 1L;

    /** {@code entity} (e.g. "task") with key {@code id} does not exist. */
    public NotFoundException(String entity, Object id) {
        super(entity, id, entity + " " + id + " does not exist", null);
    }

    /** {@code entity} with key {@code id} does not exist; {@code message} says more. */
    public NotFoundException(String entity, Object id, String message, Throwable cause) {
        super(entity, id, message, cause);
    }
}

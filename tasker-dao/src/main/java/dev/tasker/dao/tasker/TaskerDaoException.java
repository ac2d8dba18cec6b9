package dev.tasker.dao.tasker;

/**
 * The one exception type of tasker-dao. Subclasses name the kind of failure the caller can act on
 * ({@link NotFoundException}, {@link IllegalTransitionException}, {@link ConflictException},
 * {@link CycleException}, {@link InvalidArgumentException}); this class itself reports an unexpected database
 * error, with the operation that failed in the message and the jOOQ/JDBC exception as the cause.
 */
public class TaskerDaoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with {@code message} and no cause. */
    public TaskerDaoException(String message) {
        super(message);
    }

    /** An error with {@code message}, caused by {@code cause}. */
    public TaskerDaoException(String message, Throwable cause) {
        super(message, cause);
    }
}

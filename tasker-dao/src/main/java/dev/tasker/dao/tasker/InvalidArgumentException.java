package dev.tasker.dao.tasker;

/** An argument was rejected before any database work: {@link #argument()} names it, the message says why. */
public class InvalidArgumentException extends TaskerDaoException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    /** {@code argument} is invalid because {@code reason}. */
    public InvalidArgumentException(String argument, String reason) {
        super(argument + ": " + reason);
        this.argument = argument;
    }

    /** The name of the rejected parameter or field. */
    public String argument() {
        return argument;
    }
}

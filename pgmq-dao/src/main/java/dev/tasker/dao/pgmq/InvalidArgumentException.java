package dev.tasker.dao.pgmq;

/**
 * An argument or setting was rejected before any database work: null where a value is required, or out of range.
 * {@link #argument()} names it; the message says what is wrong and shows the rejected value. Queue names, channel
 * names and payloads have exceptions of their own ({@link InvalidQueueNameException},
 * {@link dev.tasker.dao.pgmq.notify.InvalidChannelNameException}, {@link InvalidPayloadException}).
 */
public class InvalidArgumentException extends PgmqException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    /** {@code argument} is invalid because {@code reason}. */
    public InvalidArgumentException(String argument, String reason) {
        super(argument + ": " + reason);
        this.argument = argument;
    }

    /** The name of the rejected parameter or setting. */
    public String argument() {
        return argument;
    }
}

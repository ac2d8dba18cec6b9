package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.PgmqException;

/**
 * A LISTEN/NOTIFY channel name, or the namespace a channel name is built from, was rejected before any round trip.
 * The message names the argument and what is wrong with it; {@link #rejected()} is the rejected value.
 */
public class InvalidChannelNameException extends PgmqException {

    private static final long serialVersionUID = 1L;

    private final String rejected;

    /** {@code rejected} (possibly null) is refused with {@code message}. */
    public InvalidChannelNameException(String rejected, String message) {
        super(message);
        this.rejected = rejected;
    }

    /** The rejected channel name or namespace; null when the caller passed none. */
    public String rejected() {
        return rejected;
    }
}

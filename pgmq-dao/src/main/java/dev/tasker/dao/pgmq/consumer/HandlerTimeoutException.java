package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.PgmqException;
import java.time.Duration;

/**
 * A handler ran longer than {@link ConsumerConfig#handlerTimeout()}: it was interrupted and its message counts as
 * failed. The stack trace is the handler thread's at the moment it timed out, showing where it was stuck.
 */
public class HandlerTimeoutException extends PgmqException {

    private static final long serialVersionUID = 1L;

    /** The handler of message {@code msgId} of {@code queue} did not finish within {@code timeout}. */
    public HandlerTimeoutException(String queue, long msgId, Duration timeout, StackTraceElement[] handlerStack) {
        super("the handler of message " + msgId + " of queue \"" + queue + "\" did not finish within " + timeout
                + " and was interrupted");
        setStackTrace(handlerStack.clone());
    }
}

package dev.tasker.dao.pgmq.notify;

/**
 * Receives the listener's events, one at a time and in arrival order, on the listener's delivery thread. An
 * exception thrown here is logged and the next event is delivered as usual. Keep it short (hand work to other
 * threads): events queue up behind a slow handler.
 */
@FunctionalInterface
public interface NotificationHandler {

    /** A notification arrived. */
    void onNotification(NotificationEvent event);

    /** The connection changed state; does nothing unless overridden. */
    default void onConnectionEvent(ConnectionEvent event) {
    }
}

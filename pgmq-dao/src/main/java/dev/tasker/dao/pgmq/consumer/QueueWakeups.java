package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.notify.ConnectionEvent;
import dev.tasker.dao.pgmq.notify.NotificationEvent;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueSignal;
import dev.tasker.dao.pgmq.notify.NotificationEvent.Unparsed;
import dev.tasker.dao.pgmq.notify.NotificationHandler;

/**
 * Turns the listener's events into {@link Wakeup}s for one queue: a {@link MessageReady} for a visible message
 * announces its id; any other signal for the queue, an unparsed payload and a reconnect (notifications were lost
 * meanwhile) ask for a batch read. Delayed messages are left to polling. Other queues' events are ignored.
 */
final class QueueWakeups implements NotificationHandler {

    private final String queue;
    private final Wakeup wakeup;
    private volatile boolean connected;

    QueueWakeups(String queue, Wakeup wakeup) {
        this.queue = queue;
        this.wakeup = wakeup;
    }

    @Override
    public void onNotification(NotificationEvent event) {
        switch (event) {
            case MessageReady ready when isOurs(ready) && ready.delaySeconds() <= 0 -> wakeup.announce(ready.msgId());
            case MessageReady ready -> {
                // delayed, or another queue: polling reads it when it becomes visible
            }
            case QueueSignal signal when isOurs(signal) -> wakeup.requestPoll();
            case Unparsed unparsed -> wakeup.requestPoll();
            default -> {
            }
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        switch (event) {
            case ConnectionEvent.Connected connectedEvent -> connected = true;
            case ConnectionEvent.Reconnected reconnected -> {
                connected = true;
                wakeup.requestPoll();
            }
            case ConnectionEvent.Disconnected disconnected -> connected = false;
            case ConnectionEvent.ConnectFailed failed -> connected = false;
        }
    }

    /** Whether the listener is connected now (as of its last connection event). */
    boolean connected() {
        return connected;
    }

    /** pgmq lowercases table names, so native insert channels carry the lowercased name. */
    private boolean isOurs(QueueSignal signal) {
        return signal.queue().equalsIgnoreCase(queue);
    }
}

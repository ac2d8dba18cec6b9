package dev.tasker.it;

import dev.tasker.dao.pgmq.notify.ConnectionEvent;
import dev.tasker.dao.pgmq.notify.NotificationEvent;
import dev.tasker.dao.pgmq.notify.NotificationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects the {@code message_ready} notifications a listener delivers, for a worker that takes them one by one, and
 * remembers every one it received.
 */
final class ReadyNotifications implements NotificationHandler {

    private final BlockingQueue<NotificationEvent.MessageReady> pending = new LinkedBlockingQueue<>();
    private final List<NotificationEvent.MessageReady> received = new ArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);

    @Override
    public void onNotification(NotificationEvent event) {
        if (event instanceof NotificationEvent.MessageReady ready) {
            synchronized (received) {
                received.add(ready);
            }
            pending.add(ready);
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.Connected) {
            connected.countDown();
        }
    }

    /** Waits until the listener is connected and listening; fails after {@link IntegrationSupport#WAIT}. */
    void awaitConnected() {
        if (!await(connected)) {
            throw new AssertionError("The listener did not connect within " + IntegrationSupport.WAIT);
        }
    }

    /** The next notification not taken yet; fails if none arrives within {@link IntegrationSupport#WAIT}. */
    NotificationEvent.MessageReady next() {
        try {
            NotificationEvent.MessageReady ready =
                    pending.poll(IntegrationSupport.WAIT.toNanos(), TimeUnit.NANOSECONDS);
            if (ready == null) {
                throw new AssertionError("No message_ready notification within " + IntegrationSupport.WAIT);
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a notification", e);
        }
    }

    /** Every notification received so far, in arrival order. */
    List<NotificationEvent.MessageReady> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(IntegrationSupport.WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Threads;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the {@link NotificationHandler} on one delivery thread, in order, so that a slow handler does not
 * hold up the receive loop. A handler exception is logged and delivery goes on.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final NotificationHandler handler;
    private final String threadName;
    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private volatile Thread thread;

    EventDispatcher(NotificationHandler handler, String threadName) {
        this.handler = handler;
        this.threadName = threadName;
    }

    void start() {
        thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
    }

    void deliver(NotificationEvent event) {
        queue.add(new Delivery(event, () -> handler.onNotification(event)));
    }

    void deliver(ConnectionEvent event) {
        queue.add(new Delivery(event, () -> handler.onConnectionEvent(event)));
    }

    /** Delivers what is queued, then stops; waits for that unless called from the delivery thread itself. */
    void close() {
        queue.add(Delivery.STOP);
        Thread current = thread;
        if (current != null && current != Thread.currentThread()) {
            Threads.joinUninterruptibly(current);
        }
    }

    private void run() {
        while (true) {
            Delivery delivery;
            try {
                delivery = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() stops delivery
            }
            if (delivery == Delivery.STOP) {
                return;
            }
            try {
                delivery.call().run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.error("Notification handler failed on {}; delivery goes on", delivery.event(), e);
            }
        }
    }

    private record Delivery(Object event, Runnable call) {
        static final Delivery STOP = new Delivery("stop", () -> { });
    }
}

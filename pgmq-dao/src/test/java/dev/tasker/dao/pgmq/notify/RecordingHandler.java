package dev.tasker.dao.pgmq.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every event a listener delivers, in order, and lets a test wait for the next one it has not yet taken
 * that matches a filter (events that arrived earlier are found too).
 */
class RecordingHandler implements NotificationHandler {

    /** How long an event that must arrive may take. */
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(20);

    private final List<Object> history = new ArrayList<>();
    private final Set<Object> taken = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public void onNotification(NotificationEvent event) {
        record(event);
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        record(event);
    }

    synchronized void record(Object event) {
        history.add(event);
        notifyAll();
    }

    /** The first not yet taken event of {@code type} matching {@code filter}; fails after {@link #ARRIVAL_TIMEOUT}. */
    synchronized <T> T await(Class<T> type, Predicate<? super T> filter) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (true) {
            for (Object event : history) {
                if (!taken.contains(event) && type.isInstance(event) && filter.test(type.cast(event))) {
                    taken.add(event);
                    return type.cast(event);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("No " + type.getSimpleName() + " matching the filter within "
                        + ARRIVAL_TIMEOUT + "; received: " + history);
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
    }

    /** The first not yet taken event of {@code type}. */
    <T> T await(Class<T> type) throws InterruptedException {
        return await(type, event -> true);
    }

    /** The first not yet taken {@link NotificationEvent.MessageReady} for {@code queue}. */
    NotificationEvent.MessageReady awaitReady(String queue) throws InterruptedException {
        return await(NotificationEvent.MessageReady.class, event -> event.queue().equals(queue));
    }

    /** The first not yet taken {@link NotificationEvent.MessageReady} for message {@code msgId} of {@code queue}. */
    NotificationEvent.MessageReady awaitReady(String queue, long msgId) throws InterruptedException {
        return await(NotificationEvent.MessageReady.class,
                event -> event.queue().equals(queue) && event.msgId() == msgId);
    }

    /** Everything delivered so far, in order. */
    synchronized List<Object> history() {
        return List.copyOf(history);
    }

    /** The events delivered so far for {@code queue} (queue signals, queue-created events), in order. */
    synchronized List<NotificationEvent> forQueue(String queue) {
        return history.stream()
                .filter(NotificationEvent.class::isInstance)
                .map(NotificationEvent.class::cast)
                .filter(event -> event instanceof NotificationEvent.QueueSignal signal && signal.queue().equals(queue)
                        || event instanceof NotificationEvent.QueueCreated created && created.queue().equals(queue))
                .toList();
    }
}

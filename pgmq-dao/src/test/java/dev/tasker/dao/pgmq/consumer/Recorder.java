package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that records every message it handles (ids, and how often each was handled) and tracks how many
 * handlers ran at once; optionally runs a {@link MessageHandler} first (to block or fail).
 *
 * @param <T> the payload type
 */
final class Recorder<T> implements MessageHandler<T> {

    private final MessageHandler<T> behaviour;
    private final List<Message<T>> handled = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> timesHandled = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    Recorder(MessageHandler<T> behaviour) {
        this.behaviour = behaviour;
    }

    /** A recorder that only records. */
    static <T> Recorder<T> plain() {
        return new Recorder<>(message -> { });
    }

    @Override
    public void handle(Message<T> message) throws Exception {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            timesHandled.computeIfAbsent(message.msgId(), id -> new AtomicInteger()).incrementAndGet();
            behaviour.handle(message);
            handled.add(message);
        } finally {
            running.decrementAndGet();
        }
    }

    /** The messages whose handler returned normally, in completion order. */
    List<Message<T>> handled() {
        return List.copyOf(handled);
    }

    /** The ids of the messages handled successfully. */
    Set<Long> handledIds() {
        return Set.copyOf(handled.stream().map(Message::msgId).toList());
    }

    /** Ids whose handler was entered more than once. */
    Set<Long> handledMoreThanOnce() {
        return Set.copyOf(timesHandled.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey).toList());
    }

    /** The most handlers that ran at the same time. */
    int maxRunning() {
        return maxRunning.get();
    }
}

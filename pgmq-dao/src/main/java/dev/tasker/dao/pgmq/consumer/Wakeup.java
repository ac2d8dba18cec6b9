package dev.tasker.dao.pgmq.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the read loop early: for messages announced by id (read one by one), for a batch read (a notification
 * without usable ids, a reconnect), or because a handler slot was freed. Wake-ups are hints; spurious ones only cost
 * a loop pass.
 */
final class Wakeup {

    /** Announced ids kept at most; beyond that a batch read is requested instead. */
    static final int MAX_ANNOUNCED = 1_000;

    private final Queue<Long> announced = new ConcurrentLinkedQueue<>();
    private final AtomicInteger announcedCount = new AtomicInteger();
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    private volatile Thread waiter;

    /** Makes {@code thread} the one that {@link #await(long)}s and is woken. */
    void bind(Thread thread) {
        waiter = thread;
    }

    /** Message {@code msgId} was announced as ready. */
    void announce(long msgId) {
        if (announcedCount.incrementAndGet() <= MAX_ANNOUNCED) {
            announced.add(msgId);
        } else {
            announcedCount.decrementAndGet();
            pollRequested.set(true);
        }
        wake();
    }

    /** Asks for a batch read as soon as a handler slot is free. */
    void requestPoll() {
        pollRequested.set(true);
        wake();
    }

    /** Wakes the waiting thread without a request (a slot was freed, or it should check for shutdown). */
    void wake() {
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether a batch read was requested since the last call. */
    boolean takePollRequest() {
        return pollRequested.getAndSet(false);
    }

    /** The ids announced since the last call, oldest first. */
    List<Long> takeAnnounced() {
        List<Long> ids = new ArrayList<>();
        for (Long id = announced.poll(); id != null; id = announced.poll()) {
            announcedCount.decrementAndGet();
            ids.add(id);
        }
        return ids;
    }

    /** Waits up to {@code nanos}, or less when woken. */
    void await(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
    }
}

package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.MessageSettler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages a consumer has read and not yet settled. Each gets a heartbeat that renews its visibility timeout
 * ({@code pgmq.set_vt} to the full timeout from now) every heartbeat interval while its handler runs. Exactly one
 * party settles a message: its handler ({@link #claim}) or, at shutdown, {@link #releaseRunning()}.
 */
final class InFlightMessages {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightMessages.class);

    /** Who owns a message's outcome. */
    enum State { RUNNING, SETTLING, RELEASED }

    /** One message in flight. */
    static final class Entry {
        final long msgId;
        final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        volatile Thread handlerThread;
        volatile ScheduledFuture<?> heartbeat;
        volatile ScheduledFuture<?> timeout;
        /** Held by a renewal while it runs; {@link #beating} is only read and changed under it. */
        private final ReentrantLock renewal = new ReentrantLock();
        private boolean beating = true;

        Entry(long msgId) {
            this.msgId = msgId;
        }
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor heartbeats;
    private final MessageSettler settler;
    private final ConsumerConfig config;
    private final Counters counters;

    InFlightMessages(MessageSettler settler, ConsumerConfig config, Counters counters) {
        this.settler = settler;
        this.config = config;
        this.counters = counters;
        this.heartbeats = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(config.name() + "-heartbeat").daemon(true).factory());
        heartbeats.setRemoveOnCancelPolicy(true);
    }

    /** Registers message {@code msgId} and starts its heartbeat; the caller sets its handler thread. */
    Entry add(long msgId) {
        Entry entry = new Entry(msgId);
        entries.put(msgId, entry);
        long every = config.heartbeatInterval().toNanos();
        entry.heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(entry), every, every, TimeUnit.NANOSECONDS);
        return entry;
    }

    /** Runs {@code task} once after {@code delay} on the heartbeat thread (keep it short). */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return heartbeats.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Takes the right to settle {@code entry}; false when shutdown released it or its handler timed out first. */
    boolean claim(Entry entry) {
        return entry.state.compareAndSet(State.RUNNING, State.SETTLING);
    }

    /**
     * Stops the heartbeat of {@code entry} and forgets it. When this returns no renewal of the entry runs or will
     * run (one under way is waited for), so a later {@code set_vt}, delete or archive is never overtaken by it.
     */
    void remove(Entry entry) {
        entry.heartbeat.cancel(false);
        ScheduledFuture<?> timeout = entry.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        entry.renewal.lock();
        try {
            entry.beating = false;
        } finally {
            entry.renewal.unlock();
        }
        entries.remove(entry.msgId, entry);
    }

    /** How many messages are in flight. */
    int size() {
        return entries.size();
    }

    /**
     * Takes every message whose handler still runs away from it (its outcome will be ignored and its thread is
     * interrupted) and makes it visible again at once ({@code set_vt} 0). Messages being settled are left alone.
     */
    void releaseRunning() {
        List<Entry> released = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.state.compareAndSet(State.RUNNING, State.RELEASED)) {
                remove(entry);
                Thread thread = entry.handlerThread;
                if (thread != null) {
                    thread.interrupt();
                }
                released.add(entry);
            }
        }
        for (Entry entry : released) {
            try {
                if (settler.setVt(config.queue(), entry.msgId, 0).isPresent()) {
                    counters.released.increment();
                }
            } catch (RuntimeException e) {
                counters.queueErrors.increment();
                LOG.warn("Consumer {} could not release message {}; it reappears after its visibility timeout: {}",
                        config.name(), entry.msgId, e.toString());
            }
        }
        if (!released.isEmpty()) {
            LOG.info("Consumer {} released {} message(s) still in flight at shutdown", config.name(),
                    released.size());
        }
    }

    /** Stops all heartbeats. */
    void shutdown() {
        heartbeats.shutdownNow();
    }

    private void renew(Entry entry) {
        entry.renewal.lock();
        try {
            if (!entry.beating) {
                return;
            }
            if (settler.setVt(config.queue(), entry.msgId, config.visibilityTimeoutSeconds()).isEmpty()) {
                LOG.warn("Consumer {}: message {} is gone while its handler runs", config.name(), entry.msgId);
            }
        } catch (RuntimeException e) {
            counters.queueErrors.increment();
            LOG.warn("Consumer {} could not renew the visibility timeout of message {}: {}", config.name(),
                    entry.msgId, e.toString());
        } finally {
            entry.renewal.unlock();
        }
    }
}

package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.MessageSettler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the messages whose handlers succeeded in batches: one thread takes everything acknowledged so far (up to
 * {@value #MAX_BATCH} messages) and deletes or archives it in one statement ({@code pgmq.delete(text, bigint[])} /
 * {@code pgmq.archive(text, bigint[])}), while handlers keep acknowledging into the next batch. No batch waits for
 * more messages: under light load every message is settled at once, under heavy load batches grow by themselves.
 *
 * <p>A message stays in flight (its heartbeat keeps it hidden) until its batch is settled; a batch that fails is
 * retried with the error backoff until it works or the consumer has shut down. Delivery stays at least once: a
 * crash before the batch is settled lets its messages reappear after their visibility timeout.
 */
final class Acknowledger implements Runnable {

    /** The most messages settled by one statement. */
    static final int MAX_BATCH = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);

    private final ConsumerConfig config;
    private final MessageSettler settler;
    private final InFlightMessages inFlight;
    private final Wakeup wakeup;
    private final Counters counters;
    private final LinkedBlockingQueue<InFlightMessages.Entry> acknowledged = new LinkedBlockingQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final Object settledSignal = new Object();
    private volatile boolean running = true;
    private volatile Thread thread;

    Acknowledger(ConsumerConfig config, MessageSettler settler, InFlightMessages inFlight, Wakeup wakeup,
                 Counters counters) {
        this.config = config;
        this.settler = settler;
        this.inFlight = inFlight;
        this.wakeup = wakeup;
        this.counters = counters;
    }

    /** Starts the settling thread. */
    void start() {
        thread = Thread.ofVirtual().name(config.name() + "-acknowledger").start(this);
    }

    /** Queues the message of {@code entry}, whose handler succeeded, for the next batch. */
    void acknowledge(InFlightMessages.Entry entry) {
        backlog.incrementAndGet();
        acknowledged.add(entry);
    }

    /** Messages acknowledged and not yet settled. */
    int backlog() {
        return backlog.get();
    }

    /** Waits up to {@code timeout} until every message acknowledged so far is settled; true if they are. */
    boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settledSignal) {
            while (backlog.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(settledSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Ends the thread; messages not settled by now reappear after their visibility timeout. */
    void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public void run() {
        List<InFlightMessages.Entry> batch = new ArrayList<>();
        while (running) {
            try {
                InFlightMessages.Entry first = acknowledged.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                acknowledged.drainTo(batch, MAX_BATCH - 1);
                settle(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void settle(List<InFlightMessages.Entry> batch) throws InterruptedException {
        List<Long> ids = batch.stream().map(entry -> entry.msgId).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                Set<Long> settled = new HashSet<>(config.onSuccess() == SuccessAction.DELETE
                        ? settler.delete(config.queue(), ids) : settler.archive(config.queue(), ids));
                finish(batch, settled);
                return;
            } catch (RuntimeException e) {
                counters.queueErrors.increment();
                Duration delay = config.errorBackoff().delay(attempt, ThreadLocalRandom.current());
                LOG.warn("Consumer {} could not settle {} message(s) (attempt {}), next attempt in {}: {}",
                        config.name(), ids.size(), attempt, delay, e.toString());
                TimeUnit.NANOSECONDS.sleep(delay.toNanos());
                if (!running) {
                    return;
                }
            }
        }
    }

    private void finish(List<InFlightMessages.Entry> batch, Set<Long> settled) {
        counters.processed.add(batch.size()); // first: the messages are gone from the queue now
        for (InFlightMessages.Entry entry : batch) {
            if (!settled.contains(entry.msgId)) {
                LOG.warn("Consumer {}: message {} was gone when it was settled", config.name(), entry.msgId);
            }
            inFlight.remove(entry);
        }
        backlog.addAndGet(-batch.size());
        synchronized (settledSignal) {
            settledSignal.notifyAll();
        }
        wakeup.wake();
    }
}

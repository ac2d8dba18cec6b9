package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.QueueNotFoundException;
import dev.tasker.dao.pgmq.QueueReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's read thread. It reads only while a handler slot is free and never more messages than there are
 * free slots: a single announced message with {@code pgmq_read_specific_message}, otherwise a batch
 * ({@code pgmq.read}, up to {@value #MAX_BATCH} at a time). A batch read that fills its quantity is followed by
 * another at once; one that drains the queue by a wait of {@link ConsumerConfig#pollInterval()}, cut short by a
 * {@link Wakeup}. A failed read is logged and retried after a backoff, so the loop only ends on {@link #stop()}.
 */
final class ReadLoop implements Runnable {

    /** The most messages one batch read asks for (pgmq-api's maximum batch size). */
    static final int MAX_BATCH = 100;

    /** Reads pause while this many handled messages wait for their batch to be settled. */
    static final int MAX_ACK_BACKLOG = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReadLoop.class);

    private final ConsumerConfig config;
    private final QueueReader<JsonNode> reader;
    private final HandlerRunner<?> runner;
    private final Acknowledger acknowledger;
    private final Semaphore slots;
    private final Wakeup wakeup;
    private final Counters counters;
    private volatile boolean running = true;

    ReadLoop(ConsumerConfig config, QueueReader<JsonNode> reader, HandlerRunner<?> runner, Acknowledger acknowledger,
             Semaphore slots, Wakeup wakeup, Counters counters) {
        this.config = config;
        this.reader = reader;
        this.runner = runner;
        this.acknowledger = acknowledger;
        this.slots = slots;
        this.wakeup = wakeup;
        this.counters = counters;
    }

    /** Ends the loop after its current read. */
    void stop() {
        running = false;
        wakeup.wake();
    }

    @Override
    public void run() {
        wakeup.bind(Thread.currentThread());
        long pollNanos = config.pollInterval().toNanos();
        long nextPollAt = System.nanoTime();
        int failures = 0;
        while (running) {
            int free = acknowledger.backlog() >= MAX_ACK_BACKLOG ? 0 : slots.availablePermits();
            if (free == 0) {
                wakeup.await(pollNanos);
                continue;
            }
            List<Long> announced = wakeup.takeAnnounced();
            boolean poll = wakeup.takePollRequest() || System.nanoTime() - nextPollAt >= 0 || announced.size() > 1;
            if (!poll && announced.isEmpty()) {
                wakeup.await(nextPollAt - System.nanoTime());
                continue;
            }
            try {
                if (poll) {
                    boolean full = readBatch(Math.min(free, MAX_BATCH));
                    nextPollAt = System.nanoTime() + (full ? 0 : pollNanos);
                } else {
                    readAnnounced(announced.getFirst());
                }
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                counters.queueErrors.increment();
                Duration delay = config.errorBackoff().delay(failures, ThreadLocalRandom.current());
                if (e instanceof QueueNotFoundException) {
                    LOG.error("Consumer {}: queue {} does not exist (dropped?); next attempt in {}", config.name(),
                            config.queue(), delay, e);
                } else {
                    LOG.warn("Consumer {} could not read queue {} (attempt {}), next attempt in {}: {}",
                            config.name(), config.queue(), failures, delay, e.toString());
                }
                pause(delay);
                nextPollAt = System.nanoTime();
            }
        }
    }

    /** Reads up to {@code qty} messages and starts their handlers; true if it got all {@code qty}. */
    private boolean readBatch(int qty) {
        if (!slots.tryAcquire(qty)) {
            return false;
        }
        List<Message<JsonNode>> messages;
        try {
            messages = reader.read(config.queue(), config.visibilityTimeoutSeconds(), qty);
        } catch (RuntimeException e) {
            slots.release(qty);
            throw e;
        }
        counters.batchReads.increment();
        slots.release(qty - messages.size());
        messages.forEach(runner::start);
        return messages.size() == qty;
    }

    /** Reads message {@code msgId} if it is still visible and starts its handler. */
    private void readAnnounced(long msgId) {
        if (!slots.tryAcquire()) {
            return;
        }
        Optional<Message<JsonNode>> message;
        try {
            message = reader.readSpecific(config.queue(), msgId, config.visibilityTimeoutSeconds());
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        counters.specificReads.increment();
        message.ifPresentOrElse(runner::start, slots::release);
    }

    /** Waits {@code delay} unless stopped meanwhile; wake-ups do not cut it short. */
    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); running && left > 0; left = until - System.nanoTime()) {
            wakeup.await(left);
        }
    }
}

package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.QueueGroups;
import dev.tasker.dao.pgmq.QueueNotFoundException;
import dev.tasker.dao.pgmq.QueueReader;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's read thread. It keeps up to twice {@link ConsumerConfig#maxConcurrency()} messages in hand: the
 * running handlers plus as many read ahead (hidden by their visibility timeout and heartbeat), whose handlers it
 * starts as slots free up. It reads only once no more than {@code maxConcurrency} are in hand, so that each read
 * fetches at least {@code maxConcurrency} messages when the queue has them and fast handlers never wait for a round
 * trip: a single announced message with {@code pgmq_read_specific_message}, otherwise a batch ({@code pgmq.read},
 * up to {@value #MAX_BATCH} at a time). A batch read that fills its quantity is followed by another at once; one
 * that drains the queue by a wait of {@link ConsumerConfig#pollInterval()}, cut short by a {@link Wakeup}. A failed
 * read is logged and retried after a backoff, so the loop only ends on {@link #stop()}; messages still read ahead
 * then are released by the consumer's shutdown. In {@link ReadMode#FIFO_GROUPS} batches come from
 * {@code pgmq.read_grouped}, each group's messages are taken in hand as one chain that needs one handler slot, a read
 * happens once every chain read before has begun, and announced messages only trigger a batch read.
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
    private final Deque<HandlerRunner.Admitted> prefetched = new ArrayDeque<>();
    /** Set in {@link ReadMode#FIFO_GROUPS}, null otherwise. */
    private final QueueGroups<JsonNode> groups;
    /** FIFO mode: the chains (one group's messages in id order) read and not yet begun. */
    private final Deque<List<HandlerRunner.Admitted>> prefetchedGroups = new ArrayDeque<>();
    private volatile boolean running = true;

    ReadLoop(ConsumerConfig config, QueueReader<JsonNode> reader, HandlerRunner<?> runner, Acknowledger acknowledger,
             Semaphore slots, Wakeup wakeup, Counters counters) {
        this(config, reader, null, runner, acknowledger, slots, wakeup, counters);
    }

    ReadLoop(ConsumerConfig config, QueueReader<JsonNode> reader, QueueGroups<JsonNode> groups,
             HandlerRunner<?> runner, Acknowledger acknowledger, Semaphore slots, Wakeup wakeup, Counters counters) {
        this.groups = groups;
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
            dispatch();
            int room = room();
            if (room == 0) {
                wakeup.await(pollNanos);
                continue;
            }
            List<Long> announced = wakeup.takeAnnounced();
            boolean poll = wakeup.takePollRequest() || System.nanoTime() - nextPollAt >= 0 || announced.size() > 1
                    || groups != null && !announced.isEmpty();
            if (!poll && announced.isEmpty()) {
                wakeup.await(nextPollAt - System.nanoTime());
                continue;
            }
            try {
                if (poll) {
                    boolean full = readBatch(Math.min(room, MAX_BATCH));
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

    /** Starts the handlers of read messages while handler slots are free. */
    private void dispatch() {
        while (!prefetched.isEmpty() && slots.tryAcquire()) {
            runner.begin(prefetched.poll());
        }
        while (!prefetchedGroups.isEmpty() && slots.tryAcquire()) {
            runner.beginChain(prefetchedGroups.poll());
        }
    }

    /**
     * How many messages to read now: none while more messages are in hand (running or prefetched) than there are
     * handler slots, or while the acknowledgement backlog is full; otherwise up to twice the slots in hand.
     */
    private int room() {
        if (groups != null) {
            // FIFO: a full batch once every chain read before has begun and a slot is free
            boolean ready = prefetchedGroups.isEmpty() && slots.availablePermits() > 0
                    && acknowledger.backlog() < MAX_ACK_BACKLOG;
            return ready ? MAX_BATCH : 0;
        }
        int inHand = config.maxConcurrency() - slots.availablePermits() + prefetched.size();
        if (inHand > config.maxConcurrency() || acknowledger.backlog() >= MAX_ACK_BACKLOG) {
            return 0;
        }
        return 2 * config.maxConcurrency() - inHand;
    }

    /** Reads up to {@code qty} messages and takes them in hand; true if it got all {@code qty}. */
    private boolean readBatch(int qty) {
        List<Message<JsonNode>> messages = groups == null
                ? reader.read(config.queue(), config.visibilityTimeoutSeconds(), qty)
                : groups.readGrouped(config.queue(), config.visibilityTimeoutSeconds(), qty);
        counters.batchReads.increment();
        if (groups == null) {
            messages.forEach(message -> prefetched.add(runner.admit(message)));
        } else {
            prefetchedGroups.addAll(runner.admitChains(messages));
        }
        dispatch();
        return messages.size() == qty;
    }

    /** Reads message {@code msgId} if it is still visible and takes it in hand. */
    private void readAnnounced(long msgId) {
        Optional<Message<JsonNode>> message = reader.readSpecific(config.queue(), msgId,
                config.visibilityTimeoutSeconds());
        counters.specificReads.increment();
        message.ifPresent(read -> prefetched.add(runner.admit(read)));
        dispatch();
    }

    /** Waits {@code delay} unless stopped meanwhile; wake-ups do not cut it short. */
    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); running && left > 0; left = until - System.nanoTime()) {
            wakeup.await(left);
        }
    }
}

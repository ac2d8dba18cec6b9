package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.MessageSettler;
import dev.tasker.dao.pgmq.QueueGroups;
import dev.tasker.dao.pgmq.QueueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler for each read message on a virtual thread of its own, then settles the message as configured
 * and frees its handler slot. A settle that fails (database unreachable) is retried with backoff until it works or
 * the consumer has shut down; meanwhile the heartbeat keeps the message hidden.
 *
 * @param <T> the payload type
 */
final class HandlerRunner<T> {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRunner.class);

    private final ConsumerConfig config;
    private final QueueReader<T> payloads;
    private final MessageHandler<T> handler;
    private final MessageSettler settler;
    private final InFlightMessages inFlight;
    private final Semaphore slots;
    private final Wakeup wakeup;
    private final Counters counters;
    private final CountDownLatch stopped = new CountDownLatch(1);

    HandlerRunner(ConsumerConfig config, QueueReader<T> payloads, MessageHandler<T> handler, MessageSettler settler,
                  InFlightMessages inFlight, Semaphore slots, Wakeup wakeup, Counters counters) {
        this.config = config;
        this.payloads = payloads;
        this.handler = handler;
        this.settler = settler;
        this.inFlight = inFlight;
        this.slots = slots;
        this.wakeup = wakeup;
        this.counters = counters;
    }

    /** Handles {@code message}, which holds one acquired slot; the slot is released when it is settled. */
    void start(Message<JsonNode> message) {
        InFlightMessages.Entry entry = inFlight.add(message.msgId());
        Thread thread = Thread.ofVirtual().name(config.name() + "-handler-" + message.msgId())
                .unstarted(() -> run(entry, message));
        entry.handlerThread = thread;
        thread.start();
    }

    /**
     * Handles a FIFO batch ({@link ReadMode#FIFO_GROUPS}): the messages of each group, in id order, one after
     * another on one virtual thread per group. Each message holds one acquired slot, released when it is settled.
     * After a failure left to retry after the timeout, the group's remaining messages are released unhandled.
     */
    void startGroups(List<Message<JsonNode>> batch) {
        Map<String, List<Message<JsonNode>>> byGroup = new LinkedHashMap<>();
        batch.stream().sorted(Comparator.comparingLong(Message::msgId)).forEach(message -> byGroup
                .computeIfAbsent(QueueGroups.groupOf(message), group -> new ArrayList<>()).add(message));
        for (List<Message<JsonNode>> chain : byGroup.values()) {
            List<InFlightMessages.Entry> entries = chain.stream().map(message -> inFlight.add(message.msgId()))
                    .toList();
            Thread thread = Thread.ofVirtual().name(config.name() + "-group-" + chain.getFirst().msgId())
                    .unstarted(() -> runChain(entries, chain));
            entries.forEach(entry -> entry.handlerThread = thread);
            thread.start();
        }
    }

    /** Ends settle retries: a message not settled by now reappears after its visibility timeout. */
    void stop() {
        stopped.countDown();
    }

    private void runChain(List<InFlightMessages.Entry> entries, List<Message<JsonNode>> chain) {
        boolean blocked = false;
        for (int i = 0; i < chain.size(); i++) {
            if (blocked) {
                releaseUnhandled(entries.get(i));
            } else {
                Throwable failure = run(entries.get(i), chain.get(i));
                blocked = failure != null && config.onFailure() == FailureAction.RETRY_AFTER_TIMEOUT;
            }
        }
    }

    /** Makes a message of a blocked group visible again at once without handling it, and frees its slot. */
    private void releaseUnhandled(InFlightMessages.Entry entry) {
        try {
            if (inFlight.claim(entry)) {
                inFlight.remove(entry);
                settler.setVt(config.queue(), entry.msgId, 0);
                counters.released.increment();
            }
        } catch (RuntimeException e) {
            counters.queueErrors.increment();
            LOG.warn("Consumer {} could not release message {}; it reappears after its visibility timeout: {}",
                    config.name(), entry.msgId, e.toString());
        } finally {
            inFlight.remove(entry);
            slots.release();
            wakeup.wake();
        }
    }

    /** Handles and settles one message; what the handler threw, or null (also when it did not run). */
    private Throwable run(InFlightMessages.Entry entry, Message<JsonNode> message) {
        try {
            if (entry.state.get() != InFlightMessages.State.RUNNING) {
                return null; // released by a shutdown before the handler began: another consumer takes it
            }
            Throwable failure = handle(message);
            if (inFlight.claim(entry)) {
                settle(message.msgId(), failure);
            }
            return failure;
        } finally {
            inFlight.remove(entry);
            slots.release();
            wakeup.wake();
        }
    }

    /** Runs the handler; null on success, else what it threw. */
    private Throwable handle(Message<JsonNode> message) {
        try {
            handler.handle(payloads.map(config.queue(), message));
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return failure;
        }
    }

    private void settle(long msgId, Throwable failure) {
        if (failure != null) {
            counters.failed.increment();
            LOG.warn("Consumer {}: handler failed for message {} ({}): {}", config.name(), msgId,
                    config.onFailure(), failure.toString());
            if (config.onFailure() == FailureAction.RETRY_AFTER_TIMEOUT) {
                return;
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                boolean settled = failure == null && config.onSuccess() == SuccessAction.DELETE
                        ? settler.delete(config.queue(), msgId)
                        : settler.archive(config.queue(), msgId);
                if (!settled) {
                    LOG.warn("Consumer {}: message {} was gone when it was settled", config.name(), msgId);
                }
                if (failure == null) {
                    counters.processed.increment();
                }
                return;
            } catch (RuntimeException e) {
                counters.queueErrors.increment();
                Duration delay = config.errorBackoff().delay(attempt, ThreadLocalRandom.current());
                LOG.warn("Consumer {} could not settle message {} (attempt {}), next attempt in {}: {}",
                        config.name(), msgId, attempt, delay, e.toString());
                if (awaitStop(delay)) {
                    return;
                }
            }
        }
    }

    private boolean awaitStop(Duration delay) {
        try {
            return stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}

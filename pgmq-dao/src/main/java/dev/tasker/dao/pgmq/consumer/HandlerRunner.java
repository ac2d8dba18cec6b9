package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.MessageSettler;
import dev.tasker.dao.pgmq.QueueReader;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import java.time.Duration;
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
    private final MessageTracing tracing;
    private final CountDownLatch stopped = new CountDownLatch(1);

    HandlerRunner(ConsumerConfig config, QueueReader<T> payloads, MessageHandler<T> handler, MessageSettler settler,
                  InFlightMessages inFlight, Semaphore slots, Wakeup wakeup, Counters counters,
                  MessageTracing tracing) {
        this.config = config;
        this.payloads = payloads;
        this.handler = handler;
        this.settler = settler;
        this.inFlight = inFlight;
        this.slots = slots;
        this.wakeup = wakeup;
        this.counters = counters;
        this.tracing = tracing;
    }

    /** Handles {@code message}, which holds one acquired slot; the slot is released when it is settled. */
    void start(Message<JsonNode> message) {
        InFlightMessages.Entry entry = inFlight.add(message.msgId());
        Thread thread = Thread.ofVirtual().name(config.name() + "-handler-" + message.msgId())
                .unstarted(() -> run(entry, message));
        entry.handlerThread = thread;
        thread.start();
    }

    /** Ends settle retries: a message not settled by now reappears after its visibility timeout. */
    void stop() {
        stopped.countDown();
    }

    private void run(InFlightMessages.Entry entry, Message<JsonNode> message) {
        try {
            if (entry.state.get() != InFlightMessages.State.RUNNING) {
                return; // released by a shutdown before the handler began: another consumer takes it
            }
            Throwable failure = handle(message);
            if (inFlight.claim(entry)) {
                settle(message.msgId(), failure);
            }
        } finally {
            inFlight.remove(entry);
            slots.release();
            wakeup.wake();
        }
    }

    /** Runs the handler; null on success, else what it threw. */
    private Throwable handle(Message<JsonNode> message) {
        try {
            if (tracing.active()) {
                Message<JsonNode> delivered = withHeaders(message);
                tracing.aroundHandler(config.queue(), delivered,
                        () -> handler.handle(payloads.map(config.queue(), delivered)));
            } else {
                handler.handle(payloads.map(config.queue(), message));
            }
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return failure;
        }
    }

    /** {@code message} with its stored headers when it came without (the read-specific wrapper returns none). */
    private Message<JsonNode> withHeaders(Message<JsonNode> message) {
        if (message.headers().isPresent()) {
            return message;
        }
        try {
            return payloads.headers(config.queue(), message.msgId())
                    .map(headers -> new Message<>(message.msgId(), message.readCount(), message.enqueuedAt(),
                            message.visibleAt(), message.payload(), java.util.Optional.of(headers),
                            message.lastReadAt()))
                    .orElse(message);
        } catch (RuntimeException e) {
            LOG.debug("Consumer {}: headers of message {} unavailable, handled without trace context: {}",
                    config.name(), message.msgId(), e.toString());
            return message;
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

package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.MessageSettler;
import dev.tasker.dao.pgmq.PayloadMappingException;
import dev.tasker.dao.pgmq.QueueGroups;
import dev.tasker.dao.pgmq.QueueReader;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler for each read message on a virtual thread of its own and settles the outcome. A success is
 * handed to the {@link Acknowledger} (settled in a batch) and frees the handler slot at once; a failure is retried
 * ({@code set_vt} to the backoff), dead-lettered or archived per {@link ConsumerConfig#onFailure()} before the slot
 * is freed. A payload that does not map (poison) never reaches the handler. A handler that outlives
 * {@link ConsumerConfig#handlerTimeout()} is interrupted and its message settled as failed at once; its slot stays
 * taken until its thread ends. A failure settle that fails (database unreachable) is retried with backoff until it
 * works or the consumer has shut down.
 *
 * @param <T> the payload type
 */
final class HandlerRunner<T> {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRunner.class);

    private final ConsumerConfig config;
    private final QueueReader<T> payloads;
    private final MessageHandler<T> handler;
    private final MessageSettler settler;
    private final DeadLetterSender deadLetters;
    private final Acknowledger acknowledger;
    private final InFlightMessages inFlight;
    private final Semaphore slots;
    private final Wakeup wakeup;
    private final Counters counters;
    private final MessageTracing tracing;
    private final FailureHistory history = new FailureHistory();
    private final CountDownLatch stopped = new CountDownLatch(1);

    HandlerRunner(ConsumerConfig config, QueueReader<T> payloads, MessageHandler<T> handler, MessageSettler settler,
                  DeadLetterSender deadLetters, Acknowledger acknowledger, InFlightMessages inFlight,
                  Semaphore slots, Wakeup wakeup, Counters counters, MessageTracing tracing) {
        this.config = config;
        this.payloads = payloads;
        this.handler = handler;
        this.settler = settler;
        this.deadLetters = deadLetters;
        this.acknowledger = acknowledger;
        this.inFlight = inFlight;
        this.slots = slots;
        this.wakeup = wakeup;
        this.counters = counters;
        this.tracing = tracing;
    }

    /** A message taken in hand: in flight (its heartbeat runs), its handler not begun. */
    record Admitted(InFlightMessages.Entry entry, Message<JsonNode> message) {
    }

    /** Takes the read {@code message} in hand: registers it in flight, which starts its heartbeat. */
    Admitted admit(Message<JsonNode> message) {
        return new Admitted(inFlight.add(message.msgId()), message);
    }

    /**
     * FIFO mode: takes a {@code pgmq.read_grouped} batch in hand as chains, one per group, each in id order (the
     * order the chains come in is the order of their first message).
     */
    List<List<Admitted>> admitChains(List<Message<JsonNode>> batch) {
        Map<String, List<Admitted>> byGroup = new LinkedHashMap<>();
        batch.stream().sorted(Comparator.comparingLong(Message::msgId)).forEach(message -> byGroup
                .computeIfAbsent(QueueGroups.groupOf(message), group -> new ArrayList<>()).add(admit(message)));
        return List.copyOf(byGroup.values());
    }

    /**
     * FIFO mode: handles the messages of {@code chain} (one group) one after another on one virtual thread, which
     * holds one acquired slot until the chain is done. Once a message is not handled successfully, the rest of the
     * chain is released unhandled ({@code set_vt} 0): it comes back in order, behind that message or after it left.
     */
    void beginChain(List<Admitted> chain) {
        Thread thread = Thread.ofVirtual().name(config.name() + "-group-" + chain.getFirst().message().msgId())
                .unstarted(() -> runChain(chain));
        chain.forEach(admitted -> admitted.entry().handlerThread = thread);
        thread.start();
    }

    private void runChain(List<Admitted> chain) {
        try {
            boolean handled = true;
            for (Admitted admitted : chain) {
                if (handled) {
                    InFlightMessages.Entry entry = admitted.entry();
                    config.handlerTimeout().ifPresent(timeout -> entry.timeout = inFlight.schedule(
                            () -> timeOut(entry, admitted.message(), timeout), timeout));
                    handled = run(entry, admitted.message(), false);
                } else {
                    releaseUnhandled(admitted.entry());
                }
            }
        } finally {
            slots.release();
            wakeup.wake();
        }
    }

    /** Makes a message of a stopped chain visible again at once without handling it. */
    private void releaseUnhandled(InFlightMessages.Entry entry) {
        if (!inFlight.claim(entry)) {
            return; // released by a shutdown already
        }
        inFlight.remove(entry);
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

    /** Begins the handler of {@code admitted}, which holds one acquired slot, released when the handler is done. */
    void begin(Admitted admitted) {
        InFlightMessages.Entry entry = admitted.entry();
        Message<JsonNode> message = admitted.message();
        Thread thread = Thread.ofVirtual().name(config.name() + "-handler-" + message.msgId())
                .unstarted(() -> run(entry, message, true));
        entry.handlerThread = thread;
        config.handlerTimeout().ifPresent(timeout ->
                entry.timeout = inFlight.schedule(() -> timeOut(entry, message, timeout), timeout));
        thread.start();
    }

    /** Ends settle retries: a message not settled by now reappears after its visibility timeout. */
    void stop() {
        stopped.countDown();
    }

    /**
     * Handles and settles one message; true if the handler succeeded and the message went to the acknowledger.
     * {@code ownsSlot}: release the handler slot at the end (a chain releases its slot itself).
     */
    private boolean run(InFlightMessages.Entry entry, Message<JsonNode> message, boolean ownsSlot) {
        boolean acknowledged = false;
        try {
            if (entry.state.get() != InFlightMessages.State.RUNNING) {
                return false; // released by a shutdown before the handler began: another consumer takes it
            }
            Message<JsonNode> delivered = tracing.active() ? withHeaders(message) : message;
            Message<T> mapped;
            try {
                mapped = payloads.map(config.queue(), delivered);
            } catch (PayloadMappingException poison) {
                if (inFlight.claim(entry)) {
                    settleFailure(entry, message, poison, true);
                }
                return false;
            }
            Throwable failure = handle(delivered, mapped);
            if (!inFlight.claim(entry)) {
                return false; // released at shutdown, or timed out and settled already
            }
            if (failure == null) {
                history.forget(message.msgId());
                acknowledger.acknowledge(entry);
                acknowledged = true;
            } else {
                settleFailure(entry, message, failure, false);
            }
            return acknowledged;
        } finally {
            if (!acknowledged) {
                inFlight.remove(entry);
            }
            if (ownsSlot) {
                slots.release();
                wakeup.wake();
            }
        }
    }

    /** Runs the handler (through the tracing hook, given the raw {@code delivered}); null on success, else why. */
    private Throwable handle(Message<JsonNode> delivered, Message<T> message) {
        try {
            if (tracing.active()) {
                tracing.aroundHandler(config.queue(), delivered, () -> handler.handle(message));
            } else {
                handler.handle(message);
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

    /** On the heartbeat thread when the handler of {@code entry} outlived {@code timeout}. */
    private void timeOut(InFlightMessages.Entry entry, Message<JsonNode> message, Duration timeout) {
        Thread handlerThread = entry.handlerThread;
        if (!inFlight.claim(entry)) {
            return;
        }
        HandlerTimeoutException failure = new HandlerTimeoutException(config.queue(), message.msgId(), timeout,
                handlerThread.getStackTrace());
        counters.timedOut.increment();
        handlerThread.interrupt();
        Thread.ofVirtual().name(config.name() + "-timeout-" + message.msgId()).start(() -> {
            try {
                settleFailure(entry, message, failure, false);
            } finally {
                inFlight.remove(entry);
            }
        });
    }

    /** Settles the failed {@code message} per {@link ConsumerConfig#onFailure()}; {@code poison}: did not map. */
    private void settleFailure(InFlightMessages.Entry entry, Message<JsonNode> message, Throwable failure,
                               boolean poison) {
        counters.failed.increment();
        Instant now = Instant.now();
        Instant firstFailure = history.failed(message.msgId(), now);
        long msgId = message.msgId();
        int attempt = message.readCount();
        FailureAction action = config.onFailure();
        RetryPolicy policy = config.retry();
        if (action == FailureAction.ARCHIVE) {
            LOG.warn("Consumer {}: {} message {} (attempt {}); archiving it", config.name(),
                    poison ? "could not map" : "handler failed for", msgId, attempt, failure);
            history.forget(msgId);
            retrying(msgId, "archive", () -> settler.archive(config.queue(), msgId));
            return;
        }
        DeadLetter.Reason reason = poison ? DeadLetter.Reason.POISON
                : action == FailureAction.RETRY_AFTER_TIMEOUT ? null
                : !policy.isRetryable(failure) ? DeadLetter.Reason.NON_RETRYABLE
                : attempt >= policy.maxAttempts() ? DeadLetter.Reason.ATTEMPTS_EXHAUSTED : null;
        if (reason != null) {
            LOG.warn("Consumer {}: {} message {} (attempt {}); dead-lettering it to {} ({})", config.name(),
                    poison ? "could not map" : "handler failed for", msgId, attempt, config.deadLetterQueue(),
                    reason, failure);
            history.forget(msgId);
            if (retrying(msgId, "dead-letter",
                    () -> deadLetters.send(message, reason, failure, firstFailure, now))) {
                counters.deadLettered.increment();
            }
            return;
        }
        if (action == FailureAction.RETRY_AFTER_TIMEOUT) {
            LOG.warn("Consumer {}: handler failed for message {} (attempt {}); it reappears after its visibility"
                    + " timeout", config.name(), msgId, attempt, failure);
            return;
        }
        int delay = policy.backoff().seconds(attempt, ThreadLocalRandom.current());
        LOG.warn("Consumer {}: handler failed for message {} (attempt {} of {}); retrying in {} s", config.name(),
                msgId, attempt, policy.maxAttempts(), delay, failure);
        inFlight.remove(entry); // no heartbeat may overwrite the backoff
        if (retrying(msgId, "delay the retry of", () -> settler.setVt(config.queue(), msgId, delay).isPresent())) {
            counters.retried.increment();
            if (delay == 0) {
                wakeup.requestPoll();
            }
        }
    }

    /**
     * Runs {@code settle} until it works or the consumer stops; true if it did and the message was there.
     */
    private boolean retrying(long msgId, String what, BooleanSupplier settle) {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean settled = settle.getAsBoolean();
                if (!settled) {
                    LOG.warn("Consumer {}: message {} was gone when trying to {} it", config.name(), msgId, what);
                }
                return settled;
            } catch (RuntimeException e) {
                counters.queueErrors.increment();
                Duration delay = config.errorBackoff().delay(attempt, ThreadLocalRandom.current());
                LOG.warn("Consumer {} could not {} message {} (attempt {}), next attempt in {}: {}",
                        config.name(), what, msgId, attempt, delay, e.toString());
                if (awaitStop(delay)) {
                    return false;
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

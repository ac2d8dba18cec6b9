package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.InvalidArgumentException;
import dev.tasker.dao.pgmq.InvalidQueueNameException;
import dev.tasker.dao.pgmq.QueueNames;
import dev.tasker.dao.pgmq.notify.Backoff;
import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of a {@link PgmqConsumer}. Start from {@link #defaults(String)} and change single settings with the
 * {@code with...} methods.
 *
 * @param queue             the queue to consume; letters, digits and underscores only, as the read-specific
 *                          wrapper requires ({@link QueueNames#forWrapper(String)}); use lowercase names
 * @param name              names the consumer's threads and log lines
 * @param visibilityTimeout how long a read message stays hidden from other readers (whole seconds, at least 1);
 *                          heartbeats renew it while the handler runs
 * @param maxConcurrency    the most handlers running at once; never more messages are read than there are free
 *                          handler slots
 * @param pollInterval      how long the consumer waits between batch reads that found the queue drained, when no
 *                          notification wakes it earlier
 * @param heartbeatInterval how often the visibility timeout of a message in flight is renewed
 *                          ({@code set_vt} to {@code visibilityTimeout} from now); shorter than the timeout
 * @param shutdownGrace     how long {@link PgmqConsumer#close()} waits for running handlers before it releases
 *                          their messages (zero: release at once)
 * @param onSuccess         what happens to a message whose handler returned normally
 * @param onFailure         what happens to a message whose handler threw or timed out
 * @param errorBackoff      delays between retries of failed queue operations (database unreachable)
 * @param retry             attempts and backoff of {@link FailureAction#RETRY}
 * @param deadLetterQueue   where exhausted, non-retryable and poison messages go (created on first use); a valid
 *                          pgmq queue name other than {@code queue}
 * @param handlerTimeout    how long a handler may run before it is interrupted and its message counts as failed
 *                          ({@link HandlerTimeoutException}); empty: no limit
 */
public record ConsumerConfig(String queue, String name, Duration visibilityTimeout, int maxConcurrency,
                             Duration pollInterval, Duration heartbeatInterval, Duration shutdownGrace,
                             SuccessAction onSuccess, FailureAction onFailure, Backoff errorBackoff,
                             RetryPolicy retry, String deadLetterQueue, Optional<Duration> handlerTimeout) {

    /** What {@link #defaults(String)} appends to the queue name for the dead-letter queue. */
    public static final String DEAD_LETTER_SUFFIX = "_dlq";

    /** The largest {@link #maxConcurrency()}. */
    public static final int MAX_CONCURRENCY = 10_000;

    /**
     * Validates the settings.
     *
     * @throws dev.tasker.dao.pgmq.InvalidQueueNameException for a queue name the read-specific wrapper rejects
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException naming the setting that is null or out of range
     */
    public ConsumerConfig {
        QueueNames.forWrapper(queue);
        Arguments.check(!Arguments.required("name", name).isBlank()
                && name.chars().noneMatch(Character::isISOControl), "name",
                "must not be blank or contain control characters, got '" + name + "'");
        Arguments.between("visibilityTimeout", visibilityTimeout, Duration.ofSeconds(1),
                Duration.ofSeconds(Integer.MAX_VALUE));
        Arguments.check(visibilityTimeout.toNanosPart() == 0, "visibilityTimeout",
                "must be whole seconds, got " + visibilityTimeout);
        Arguments.check(maxConcurrency >= 1 && maxConcurrency <= MAX_CONCURRENCY, "maxConcurrency",
                "must be between 1 and " + MAX_CONCURRENCY + ", got " + maxConcurrency);
        Arguments.between("pollInterval", pollInterval, Duration.ofMillis(1), Duration.ofHours(1));
        Arguments.check(Arguments.required("heartbeatInterval", heartbeatInterval).compareTo(Duration.ofMillis(10))
                        >= 0 && heartbeatInterval.compareTo(visibilityTimeout) < 0, "heartbeatInterval",
                "must be at least 10 ms and shorter than the visibilityTimeout " + visibilityTimeout + ", got "
                        + heartbeatInterval);
        Arguments.check(!Arguments.required("shutdownGrace", shutdownGrace).isNegative(), "shutdownGrace",
                "must not be negative, got " + shutdownGrace);
        Arguments.required("onSuccess", onSuccess);
        Arguments.required("onFailure", onFailure);
        Arguments.required("errorBackoff", errorBackoff);
        Arguments.required("retry", retry);
        checkDeadLetterQueue(queue, deadLetterQueue);
        Arguments.required("handlerTimeout", handlerTimeout).ifPresent(timeout -> Arguments.between(
                "handlerTimeout", timeout, Duration.ofMillis(1), Duration.ofDays(1)));
    }

    /**
     * For {@code queue}: name {@code pgmq-consumer-<queue>}, visibility timeout 30 s with a heartbeat every 15 s,
     * 10 handlers, a batch read every 500 ms while idle, 10 s shutdown grace, delete on success, on failure
     * {@link FailureAction#RETRY} with {@link RetryPolicy#defaults()} and dead-letter queue
     * {@code <queue>_dlq}, no handler timeout, failed queue operations retried after 100 ms doubling up to 2 s.
     *
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException if {@code <queue>_dlq} is too long for pgmq (a queue of
     *                                                      more than 43 characters): name one with
     *                                                      {@link #defaults(String, String)}
     */
    public static ConsumerConfig defaults(String queue) {
        QueueNames.forWrapper(queue);
        return defaults(queue, queue + DEAD_LETTER_SUFFIX);
    }

    /** {@link #defaults(String)} with dead-letter queue {@code deadLetterQueue}. */
    public static ConsumerConfig defaults(String queue, String deadLetterQueue) {
        return new ConsumerConfig(queue, "pgmq-consumer-" + queue, Duration.ofSeconds(30), 10,
                Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(10), SuccessAction.DELETE,
                FailureAction.RETRY, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2),
                RetryPolicy.defaults(), deadLetterQueue, Optional.empty());
    }

    /** The visibility timeout in whole seconds, as pgmq takes it. */
    public int visibilityTimeoutSeconds() {
        return (int) visibilityTimeout.toSeconds();
    }

    /** The same settings with another name. */
    public ConsumerConfig withName(String newName) {
        return new ConsumerConfig(queue, newName, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry,
                deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another visibility timeout and a heartbeat at half of it. */
    public ConsumerConfig withVisibilityTimeout(Duration timeout) {
        Arguments.required("visibilityTimeout", timeout);
        return new ConsumerConfig(queue, name, timeout, maxConcurrency, pollInterval, timeout.dividedBy(2),
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry,
                deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another heartbeat interval (set it after the visibility timeout). */
    public ConsumerConfig withHeartbeatInterval(Duration interval) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, interval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry,
                deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another number of handler slots. */
    public ConsumerConfig withMaxConcurrency(int slots) {
        return new ConsumerConfig(queue, name, visibilityTimeout, slots, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry,
                deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another poll interval. */
    public ConsumerConfig withPollInterval(Duration interval) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, interval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry,
                deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another shutdown grace period. */
    public ConsumerConfig withShutdownGrace(Duration grace) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                grace, onSuccess, onFailure, errorBackoff, retry, deadLetterQueue,
                handlerTimeout);
    }

    /** The same settings with other outcome actions. */
    public ConsumerConfig withOutcomes(SuccessAction success, FailureAction failure) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, success, failure, errorBackoff, retry, deadLetterQueue,
                handlerTimeout);
    }

    /** The same settings with another backoff for failed queue operations. */
    public ConsumerConfig withErrorBackoff(Backoff backoff) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, backoff, retry, deadLetterQueue,
                handlerTimeout);
    }

    /** The same settings with another retry policy (used with {@link FailureAction#RETRY}). */
    public ConsumerConfig withRetry(RetryPolicy policy) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, policy, deadLetterQueue, handlerTimeout);
    }

    /** The same settings with another dead-letter queue. */
    public ConsumerConfig withDeadLetterQueue(String queueName) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry, queueName, handlerTimeout);
    }

    /** The same settings with handlers limited to {@code timeout} (see {@link #handlerTimeout()}). */
    public ConsumerConfig withHandlerTimeout(Duration timeout) {
        return new ConsumerConfig(queue, name, visibilityTimeout, maxConcurrency, pollInterval, heartbeatInterval,
                shutdownGrace, onSuccess, onFailure, errorBackoff, retry, deadLetterQueue,
                Optional.of(Arguments.required("handlerTimeout", timeout)));
    }

    private static void checkDeadLetterQueue(String queue, String deadLetterQueue) {
        Arguments.required("deadLetterQueue", deadLetterQueue);
        try {
            QueueNames.forCreate(deadLetterQueue);
        } catch (InvalidQueueNameException e) {
            throw new InvalidArgumentException("deadLetterQueue", "is not a valid queue name (" + e.getMessage()
                    + "); name another with ConsumerConfig.defaults(queue, deadLetterQueue) or withDeadLetterQueue");
        }
        Arguments.check(!deadLetterQueue.equals(queue), "deadLetterQueue", "must differ from the queue " + queue);
    }
}

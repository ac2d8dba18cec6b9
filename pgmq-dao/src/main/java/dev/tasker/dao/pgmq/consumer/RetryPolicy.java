package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * When a {@link PgmqConsumer} with {@link FailureAction#RETRY} tries a failed message again, and when it gives up and
 * dead-letters it. The attempt number is the message's read count ({@code read_ct}), so attempts made by other
 * consumers or before a restart count too.
 *
 * <ul>
 *   <li>a failure of attempt {@code n < maxAttempts} hides the message for {@link RetryBackoff#seconds} (with
 *       {@code pgmq.set_vt}); it is then read again, by this or another consumer;</li>
 *   <li>a failure of attempt {@code maxAttempts} or later, or a failure that is an instance of one of
 *       {@code nonRetryable}, sends the message to the dead-letter queue.</li>
 * </ul>
 *
 * @param maxAttempts  the most attempts, from 1 (no retry) to 1,000
 * @param backoff      the delay before each further attempt
 * @param nonRetryable exception types (with their subtypes) that are dead-lettered at the first failure
 */
public record RetryPolicy(int maxAttempts, RetryBackoff backoff, Set<Class<? extends Throwable>> nonRetryable) {

    /** The largest {@link #maxAttempts()}. */
    public static final int MAX_ATTEMPTS = 1_000;

    /**
     * Validates the settings.
     *
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException naming the setting that is null or out of range
     */
    public RetryPolicy {
        Arguments.check(maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS, "maxAttempts",
                "must be between 1 and " + MAX_ATTEMPTS + ", got " + maxAttempts);
        Arguments.required("backoff", backoff);
        nonRetryable = Set.copyOf(Arguments.noNulls("nonRetryable", nonRetryable));
    }

    /** 5 attempts, 1 s after the first failure doubling up to 60 s with up to 20 % jitter; everything retryable. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, RetryBackoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2),
                Set.of());
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, backoff, nonRetryable);
    }

    /** The same policy with another backoff. */
    public RetryPolicy withBackoff(RetryBackoff newBackoff) {
        return new RetryPolicy(maxAttempts, newBackoff, nonRetryable);
    }

    /** The same policy with {@code types} (and their subtypes) never retried. */
    @SafeVarargs
    public final RetryPolicy withNonRetryable(Class<? extends Throwable>... types) {
        return new RetryPolicy(maxAttempts, backoff, Set.copyOf(List.of(types)));
    }

    /** Whether {@code failure} is of a non-retryable type. */
    public boolean isRetryable(Throwable failure) {
        return nonRetryable.stream().noneMatch(type -> type.isInstance(failure));
    }
}

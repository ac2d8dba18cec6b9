package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a failed message stays hidden before its next attempt. The consumer applies the delay with
 * {@code pgmq.set_vt}, which takes whole seconds, so delays are rounded up to whole seconds ({@link #seconds}).
 */
public sealed interface RetryBackoff {

    /** The delay before attempt {@code failedAttempt + 1}, after attempt {@code failedAttempt} (from 1) failed. */
    Duration delay(int failedAttempt, RandomGenerator random);

    /** {@link #delay} rounded up to whole seconds, as {@code set_vt} takes it. */
    default int seconds(int failedAttempt, RandomGenerator random) {
        Duration delay = delay(failedAttempt, random);
        long seconds = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    /** The same delay after every failure; zero retries at once. */
    static RetryBackoff fixed(Duration delay) {
        return new Fixed(delay);
    }

    /** {@code initial * multiplier^(n-1)}, capped at {@code max}, cut by a random fraction up to {@code jitter}. */
    static RetryBackoff exponential(Duration initial, Duration max, double multiplier, double jitter) {
        return new Exponential(initial, max, multiplier, jitter);
    }

    /**
     * A fixed delay.
     *
     * @param delay the delay after every failure (zero or more, at most a day)
     */
    record Fixed(Duration delay) implements RetryBackoff {

        /** Validates the delay. */
        public Fixed {
            Arguments.between("delay", delay, Duration.ZERO, Duration.ofDays(1));
        }

        @Override
        public Duration delay(int failedAttempt, RandomGenerator random) {
            return delay;
        }
    }

    /**
     * Exponential growth with jitter.
     *
     * @param initial    the delay after the first failure (zero or more)
     * @param max        the longest delay (at least {@code initial}, at most a day)
     * @param multiplier growth per failure (a finite number of at least 1)
     * @param jitter     the largest random reduction as a fraction of the delay, from 0 to 1
     */
    record Exponential(Duration initial, Duration max, double multiplier, double jitter) implements RetryBackoff {

        /** Validates the settings. */
        public Exponential {
            Arguments.between("initial", initial, Duration.ZERO, Duration.ofDays(1));
            Arguments.between("max", max, initial, Duration.ofDays(1));
            Arguments.check(multiplier >= 1.0 && !Double.isInfinite(multiplier), "multiplier",
                    "must be a finite number >= 1, got " + multiplier);
            Arguments.check(jitter >= 0.0 && jitter <= 1.0, "jitter", "must be between 0 and 1, got " + jitter);
        }

        @Override
        public Duration delay(int failedAttempt, RandomGenerator random) {
            Arguments.check(failedAttempt >= 1, "failedAttempt", "must be at least 1, got " + failedAttempt);
            double grown = initial.toNanos() * Math.pow(multiplier, failedAttempt - 1);
            double capped = Math.min(grown, max.toNanos());
            return Duration.ofNanos((long) (capped * (1.0 - jitter * random.nextDouble())));
        }
    }
}

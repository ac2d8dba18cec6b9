package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff between connection attempts: attempt n waits {@code initialDelay * multiplier^(n-1)}, capped
 * at {@code maxDelay}, then shortened by a random fraction of at most {@code jitter} so that many listeners do not
 * reconnect in step.
 *
 * @param initialDelay the delay after the first failed attempt (positive)
 * @param maxDelay     the longest delay (at least {@code initialDelay})
 * @param multiplier   growth per attempt (at least 1)
 * @param jitter       the largest random reduction, as a fraction of the delay, from 0 (none) to 1
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

    /**
     * Validates the settings.
     *
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException naming the setting that is null or out of range
     */
    public Backoff {
        Arguments.check(Arguments.required("initialDelay", initialDelay).isPositive(), "initialDelay",
                "must be positive, got " + initialDelay);
        Arguments.check(Arguments.required("maxDelay", maxDelay).compareTo(initialDelay) >= 0, "maxDelay",
                "must not be shorter than initialDelay " + initialDelay + ", got " + maxDelay);
        Arguments.check(multiplier >= 1.0 && !Double.isInfinite(multiplier), "multiplier",
                "must be a finite number >= 1, got " + multiplier);
        Arguments.check(jitter >= 0.0 && jitter <= 1.0, "jitter", "must be between 0 and 1, got " + jitter);
    }

    /**
     * 100 ms, doubling up to 2 s, with up to 20 % jitter: after an outage a listener is back within about 2 s of
     * the server.
     */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2);
    }

    /** The same backoff with another cap (raising {@code initialDelay} to it when it is shorter). */
    public Backoff withMaxDelay(Duration cap) {
        Arguments.required("maxDelay", cap);
        return new Backoff(initialDelay.compareTo(cap) > 0 ? cap : initialDelay, cap, multiplier, jitter);
    }

    /** The delay after failed attempt number {@code attempt} (from 1). */
    public Duration delay(int attempt, RandomGenerator random) {
        Arguments.check(attempt >= 1, "attempt", "must be at least 1, got " + attempt);
        Arguments.required("random", random);
        double grown = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        double capped = Math.min(grown, maxDelay.toNanos());
        double jittered = capped * (1.0 - jitter * random.nextDouble());
        return Duration.ofNanos(Math.max(1L, (long) jittered));
    }
}

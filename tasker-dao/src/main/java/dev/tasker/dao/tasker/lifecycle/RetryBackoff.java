package dev.tasker.dao.tasker.lifecycle;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.support.Arguments;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The explicit backoff written when a step fails and may retry (tasker-schema.md §6.2, application-side backoff):
 * {@code base × multiplier^attempts} seconds, capped at {@code maxSeconds}, plus or minus up to {@code jitter} of it.
 * The step's readiness then waits until {@code last_attempted_at + backoff_request_seconds}.
 *
 * @param baseSeconds the base delay (0: retry at once)
 * @param multiplier  growth per attempt (at least 1)
 * @param maxSeconds  the cap
 * @param jitter      the largest relative deviation, 0 to 1 (0: none)
 */
public record RetryBackoff(int baseSeconds, double multiplier, int maxSeconds, double jitter) {

    /** Upstream's defaults: base 1 s, multiplier 2, cap 3600 s, jitter 15 %. */
    public static final RetryBackoff DEFAULTS = new RetryBackoff(1, 2.0, 3600, 0.15);

    /** Retry at once (backoff 0 s). */
    public static final RetryBackoff IMMEDIATE = new RetryBackoff(0, 1.0, 0, 0.0);

    /** Checks the ranges. */
    public RetryBackoff {
        Arguments.notNegative("baseSeconds", baseSeconds);
        Arguments.notNegative("maxSeconds", maxSeconds);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new InvalidArgumentException("multiplier", "must be a finite number of at least 1, was "
                    + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new InvalidArgumentException("jitter", "must be between 0 and 1, was " + jitter);
        }
    }

    /** The delay in whole seconds before the next attempt of a step that has had {@code attempts} attempts. */
    public int delaySeconds(int attempts) {
        Arguments.notNegative("attempts", attempts);
        double delay = Math.min(maxSeconds, baseSeconds * Math.pow(multiplier, attempts));
        if (jitter > 0 && delay > 0) {
            delay += delay * jitter * ThreadLocalRandom.current().nextDouble(-1.0, 1.0);
        }
        return (int) Math.max(0, Math.min(maxSeconds, Math.round(delay)));
    }
}

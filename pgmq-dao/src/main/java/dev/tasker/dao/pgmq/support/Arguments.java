package dev.tasker.dao.pgmq.support;

import dev.tasker.dao.pgmq.InvalidArgumentException;
import java.time.Duration;
import java.util.Collection;

/**
 * Argument checks of pgmq-dao that fail with {@link InvalidArgumentException} naming the argument, before any
 * database work. Shared by the module's packages; not meant for callers.
 */
public final class Arguments {

    private Arguments() {
    }

    /** {@code value}, or an error naming {@code name} if it is null. */
    public static <T> T required(String name, T value) {
        if (value == null) {
            throw new InvalidArgumentException(name, "must not be null");
        }
        return value;
    }

    /** {@code values}, or an error naming {@code name} if it is null or contains null. */
    public static <C extends Collection<?>> C noNulls(String name, C values) {
        if (required(name, values).stream().anyMatch(value -> value == null)) {
            throw new InvalidArgumentException(name, "must not contain null");
        }
        return values;
    }

    /** {@code value}, or an error naming {@code name} if it is negative. */
    public static int notNegative(String name, int value) {
        check(value >= 0, name, "must not be negative, got " + value);
        return value;
    }

    /** {@code value}, or an error naming {@code name} if it is null or outside {@code min..max}. */
    public static Duration between(String name, Duration value, Duration min, Duration max) {
        check(required(name, value).compareTo(min) >= 0 && value.compareTo(max) <= 0, name,
                "must be between " + min + " and " + max + ", got " + value);
        return value;
    }

    /** An error naming {@code name} with {@code reason} unless {@code valid}. */
    public static void check(boolean valid, String name, String reason) {
        if (!valid) {
            throw new InvalidArgumentException(name, reason);
        }
    }
}

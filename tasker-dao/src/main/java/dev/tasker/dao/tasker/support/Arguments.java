package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Collection;

/** Argument checks that fail with {@link InvalidArgumentException} naming the argument, before any SQL runs. */
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

    /** {@code value}, or an error naming {@code name} if it is null or blank. */
    public static String notBlank(String name, String value) {
        if (required(name, value).isBlank()) {
            throw new InvalidArgumentException(name, "must not be blank");
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
        if (value < 0) {
            throw new InvalidArgumentException(name, "must not be negative, was " + value);
        }
        return value;
    }

    /** {@code value}, or an error naming {@code name} if it is negative. */
    public static long notNegative(String name, long value) {
        if (value < 0) {
            throw new InvalidArgumentException(name, "must not be negative, was " + value);
        }
        return value;
    }
}

package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.InvalidArgumentException;

/** Length checks for text bound to {@code varchar(n)} columns, failing with an error that names the argument. */
public final class Lengths {

    private Lengths() {
    }

    /** {@code value} (may be null), or an error naming {@code name} if it is longer than {@code max} characters. */
    public static String atMost(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidArgumentException(name, "must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /** {@code value}, or an error naming {@code name} if it is null, blank or longer than {@code max} characters. */
    public static String requiredAtMost(String name, String value, int max) {
        return atMost(name, Arguments.notBlank(name, value), max);
    }
}

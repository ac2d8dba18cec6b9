package dev.tasker.migrator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text of pool settings: whole numbers, and durations such as {@code 10s}, {@code 500ms}, {@code 5m}. */
final class PoolSettingValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private PoolSettingValues() {
    }

    /** A whole number of connections, at least 0. */
    static int wholeNumber(ConfiguredValue value) {
        try {
            int number = Integer.parseInt(value.value());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(value.origin() + " must be a whole number, got '" + value.value() + "'");
    }

    /** A duration: digits with {@code ms}, {@code s}, {@code m} or {@code h}, or plain digits meaning seconds. */
    static Duration duration(ConfiguredValue value) {
        Matcher matcher = DURATION.matcher(value.value());
        if (!matcher.matches()) {
            throw new ConfigurationException(value.origin() + " must be a duration such as 10s, 500ms or 5m, or a "
                    + "whole number of seconds, got '" + value.value() + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}

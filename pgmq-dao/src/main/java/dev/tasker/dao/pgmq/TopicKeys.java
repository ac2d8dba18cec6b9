package dev.tasker.dao.pgmq;

import java.util.regex.Pattern;

/**
 * pgmq 1.11's rules for topic routing keys and binding patterns, checked before any round trip with pgmq's own texts
 * ({@code pgmq.validate_routing_key}, {@code pgmq.validate_topic_pattern}), in pgmq's order.
 *
 * <ul>
 *   <li>routing key: 1 to 255 characters from {@code [a-zA-Z0-9._-]}, no leading, trailing or doubled dot;</li>
 *   <li>pattern: the same, plus {@code *} (exactly one segment) and {@code #} (zero or more segments), but no
 *       {@code **}, {@code ##}, {@code *#} or {@code #*}.</li>
 * </ul>
 */
public final class TopicKeys {

    /** The longest routing key or pattern pgmq accepts. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern KEY_CHARACTERS = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern PATTERN_CHARACTERS = Pattern.compile("[a-zA-Z0-9._*#-]+");

    private TopicKeys() {
    }

    /**
     * Returns {@code routingKey} if pgmq accepts it.
     *
     * @throws InvalidArgumentException for argument {@code routing_key}, with pgmq's message
     */
    public static String routingKey(String routingKey) {
        String argument = "routing_key";
        commonChecks(argument, routingKey, KEY_CHARACTERS,
                "contains invalid characters. Only alphanumeric, dots, hyphens, and underscores are allowed");
        return routingKey;
    }

    /**
     * Returns {@code pattern} if pgmq accepts it as a binding pattern.
     *
     * @throws InvalidArgumentException for argument {@code pattern}, with pgmq's message
     */
    public static String pattern(String pattern) {
        String argument = "pattern";
        commonChecks(argument, pattern, PATTERN_CHARACTERS, "contains invalid characters. Only alphanumeric, dots, "
                + "hyphens, underscores, *, and # are allowed");
        if (pattern.contains("**")) {
            throw invalid(argument, "cannot contain consecutive stars (**). Use # for multi-segment matching", pattern);
        }
        if (pattern.contains("##")) {
            throw invalid(argument, "cannot contain consecutive hashes (##). A single # already matches zero or more "
                    + "segments", pattern);
        }
        if (pattern.contains("*#") || pattern.contains("#*")) {
            throw invalid(argument, "cannot contain adjacent wildcards (*# or #*). Separate wildcards with dots",
                    pattern);
        }
        return pattern;
    }

    private static void commonChecks(String argument, String value, Pattern characters, String badCharacters) {
        if (value == null || value.isEmpty()) {
            throw new InvalidArgumentException(argument, argument + " cannot be NULL or empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw new InvalidArgumentException(argument, argument + " length cannot exceed " + MAX_LENGTH
                    + " characters, got " + length + " characters");
        }
        if (!characters.matcher(value).matches()) {
            throw invalid(argument, badCharacters, value);
        }
        if (value.startsWith(".")) {
            throw invalid(argument, "cannot start with a dot", value);
        }
        if (value.endsWith(".")) {
            throw invalid(argument, "cannot end with a dot", value);
        }
        if (value.contains("..")) {
            throw invalid(argument, "cannot contain consecutive dots", value);
        }
    }

    private static InvalidArgumentException invalid(String argument, String reason, String value) {
        return new InvalidArgumentException(argument, argument + " " + reason + ". Got: " + value);
    }
}

package dev.tasker.dao.pgmq;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Client-side check of queue names with pgmq's own rules and error texts (pgmq 1.11, {@code format_table_name} and
 * {@code validate_queue_name}), so that a bad name fails before any round trip.
 *
 * <ul>
 *   <li>every operation: not null, not empty (stricter than pgmq, which accepts {@code ""}), none of {@code $ ; -- '}
 *       (pgmq's text {@value #INVALID_CHARACTERS}), and the table name {@code q_<name>} fits PostgreSQL's 63-byte
 *       identifier limit (longer names would be silently truncated to another table's name);</li>
 *   <li>{@link #forCreate(String)}: at most 47 characters (pgmq's text {@value #TOO_LONG});</li>
 *   <li>{@link #forWrapper(String)}: the project's wrappers accept only {@code [a-zA-Z0-9_]} (their text
 *       {@code Invalid queue name: <name>}).</li>
 * </ul>
 */
public final class QueueNames {

    /** pgmq's error for names containing {@code $}, {@code ;}, {@code --} or {@code '}. */
    public static final String INVALID_CHARACTERS = "queue name contains invalid characters: $, ;, --, or \\'";

    /** pgmq's error for names longer than {@link #MAX_CREATE_LENGTH} characters. */
    public static final String TOO_LONG = "queue name is too long, maximum length is 47 characters";

    /** The longest name {@code pgmq.create} accepts (63 minus pg_partman's 16-character template prefix). */
    public static final int MAX_CREATE_LENGTH = 47;

    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Pattern PGMQ_FORBIDDEN = Pattern.compile("\\$|;|--|'");
    private static final Pattern WRAPPER_FORBIDDEN = Pattern.compile("[^a-zA-Z0-9_]");

    private QueueNames() {
    }

    /** Returns {@code name} if pgmq's per-queue functions accept it; throws {@link InvalidQueueNameException}. */
    public static String validate(String name) {
        if (name == null) {
            throw new InvalidQueueNameException(null, "queue name must not be null");
        }
        if (name.isEmpty()) {
            throw new InvalidQueueNameException(name, "queue name must not be empty");
        }
        if (PGMQ_FORBIDDEN.matcher(name).find()) {
            throw new InvalidQueueNameException(name, INVALID_CHARACTERS);
        }
        if (("q_" + name).getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new InvalidQueueNameException(name, "queue name \"" + name
                    + "\" is too long: its table name q_<name> exceeds PostgreSQL's 63-byte identifier limit");
        }
        return name;
    }

    /** {@link #validate(String)} plus pgmq's 47-character limit of {@code pgmq.create*}. */
    public static String forCreate(String name) {
        validate(name);
        if (name.codePointCount(0, name.length()) > MAX_CREATE_LENGTH) {
            throw new InvalidQueueNameException(name, TOO_LONG);
        }
        return name;
    }

    /** {@link #validate(String)} plus the project wrappers' rule: letters, digits and underscores only. */
    public static String forWrapper(String name) {
        validate(name);
        if (WRAPPER_FORBIDDEN.matcher(name).find()) {
            throw new InvalidQueueNameException(name, "Invalid queue name: " + name);
        }
        return name;
    }
}

package dev.tasker.dao.pgmq;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Client-side check of queue names with pgmq's own rules and error texts (pgmq 1.11, {@code format_table_name} and
 * {@code validate_queue_name}), so that a bad name fails before any round trip.
 *
 * <ul>
 *   <li>every operation: not null, not empty (stricter than pgmq, which accepts {@code ""}), none of {@code $ ; -- '}
 *       (pgmq's text {@value #INVALID_CHARACTERS}), and the table name {@code q_<name>} fits PostgreSQL's 63-byte
 *       identifier limit (longer names would be silently truncated to another table's name);</li>
 *   <li>every operation, the project's additions (checked after pgmq's rules): no NUL and no unpaired UTF-16
 *       surrogate (the driver would send {@code ?} in its place, naming another queue); no uppercase letters
 *       (pgmq lowercases table names but stores the name as given in {@code pgmq.meta}, so {@code ABC} and
 *       {@code abc} would share one table while pgmq sees two queues); at most {@value #MAX_NAME_BYTES} bytes in
 *       UTF-8, so that every identifier pgmq derives from the name (the longest is
 *       {@code archived_at_idx_<name>}; also {@code q_<name>_msg_id_seq}, {@code q_<name>_vt_idx}) fits
 *       PostgreSQL's 63-byte limit instead of being truncated;</li>
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

    /**
     * The most UTF-8 bytes of a name: 63 minus the 16 bytes of {@code archived_at_idx_}, the longest prefix or
     * suffix pgmq adds to derive an identifier from it.
     */
    public static final int MAX_NAME_BYTES = 47;

    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Pattern PGMQ_FORBIDDEN = Pattern.compile("\\$|;|--|'");
    private static final Pattern WRAPPER_FORBIDDEN = Pattern.compile("[^a-zA-Z0-9_]");

    private QueueNames() {
    }

    /** Returns {@code name} if pgmq's per-queue functions accept it; throws {@link InvalidQueueNameException}. */
    public static String validate(String name) {
        checkPgmqRules(name);
        checkProjectRules(name);
        return name;
    }

    /** pgmq's own rules, with its texts. */
    private static void checkPgmqRules(String name) {
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
    }

    /** The project's checks beyond pgmq's (see the class description). */
    private static void checkProjectRules(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\0') {
                throw new InvalidQueueNameException(name, "queue name must not contain NUL (\\u0000), found at index "
                        + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidQueueNameException(name, String.format("queue name contains an unpaired UTF-16"
                        + " surrogate \\u%04X at index %d, which cannot be sent to PostgreSQL", (int) c, i));
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name) || name.codePoints().anyMatch(cp -> Character.toLowerCase(cp) != cp)) {
            throw new InvalidQueueNameException(name, "queue name \"" + name + "\" contains uppercase letters: pgmq"
                    + " lowercases its table names but keeps the name as given, so it would share its tables with"
                    + " another spelling; use \"" + lower + "\"");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new InvalidQueueNameException(name, "queue name \"" + name + "\" is too long: " + bytes
                    + " bytes in UTF-8, at most " + MAX_NAME_BYTES + " fit PostgreSQL's 63-byte limit in every"
                    + " identifier pgmq derives from it (archived_at_idx_<name>)");
        }
    }

    /** {@link #validate(String)} plus pgmq's 47-character limit of {@code pgmq.create*}. */
    public static String forCreate(String name) {
        pgmqCreateRules(name);
        checkProjectRules(name);
        return name;
    }

    /** {@link #validate(String)} plus the project wrappers' rule: letters, digits and underscores only. */
    public static String forWrapper(String name) {
        checkPgmqRules(name);
        if (WRAPPER_FORBIDDEN.matcher(name).find()) {
            throw new InvalidQueueNameException(name, "Invalid queue name: " + name);
        }
        checkProjectRules(name);
        return name;
    }

    /**
     * Returns {@code name} if pgmq's own rules accept it, without the project's additions: for names that come from
     * pgmq or other clients rather than from callers of this client (notification channels).
     */
    public static String pgmqRules(String name) {
        checkPgmqRules(name);
        return name;
    }

    /** {@link #pgmqRules(String)} plus pgmq's 47-character limit of {@code pgmq.create*}. */
    public static String pgmqCreateRules(String name) {
        checkPgmqRules(name);
        if (name.codePointCount(0, name.length()) > MAX_CREATE_LENGTH) {
            throw new InvalidQueueNameException(name, TOO_LONG);
        }
        return name;
    }
}

package dev.tasker.dao.pgmq.notify;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LISTEN/NOTIFY channel name. Names are case-sensitive and may contain dots, so {@link #quoted()} renders them as
 * a quoted identifier for LISTEN and UNLISTEN. PostgreSQL truncates identifiers to 63 bytes, which would make a
 * longer name listen on a different channel, so longer names are rejected.
 *
 * @param name the channel name exactly as {@code pg_notify} sends it
 */
public record Channel(String name) {

    /** PostgreSQL's limit for a channel name, in bytes (NAMEDATALEN - 1). */
    public static final int MAX_NAME_BYTES = 63;
    /** pgmq's limit for a queue name, in characters. */
    public static final int MAX_QUEUE_NAME_LENGTH = 47;

    /** The global channel of {@code pgmq_send_with_notify} and {@code pgmq_send_batch_with_notify}. */
    public static final Channel MESSAGE_READY = new Channel("pgmq_message_ready");
    /** The channel of the queue-created trigger on {@code pgmq.meta}. */
    public static final Channel QUEUE_CREATED = new Channel("pgmq_queue_created");

    private static final String MESSAGE_READY_PREFIX = MESSAGE_READY.name() + ".";
    private static final Pattern QUEUE_INSERT = Pattern.compile("pgmq\\.q_(.*)\\.INSERT", Pattern.DOTALL);
    private static final Pattern FORBIDDEN_IN_QUEUE_NAME = Pattern.compile("\\$|;|--|'");

    /** Validates the name: not empty, no NUL character, at most {@value #MAX_NAME_BYTES} bytes in UTF-8. */
    public Channel {
        Objects.requireNonNull(name, "channel name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Channel name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Channel name contains a NUL character: " + name.replace('\0', '?'));
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("Channel name is " + bytes + " bytes long, PostgreSQL allows at most "
                    + MAX_NAME_BYTES + ": " + name);
        }
    }

    /** Any channel, validated as in the constructor. */
    public static Channel of(String name) {
        return new Channel(name);
    }

    /**
     * The namespace channel {@code pgmq_message_ready.<namespace>} of the notify wrappers, where the namespace is
     * what {@code extract_queue_namespace} derives from the queue name (e.g. {@code rust} for
     * {@code worker_rust_queue}, {@code orchestration}, {@code default}).
     */
    public static Channel messageReady(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("Namespace is blank");
        }
        if (namespace.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Namespace contains a control character: " + printable(namespace));
        }
        int room = MAX_NAME_BYTES - MESSAGE_READY_PREFIX.length();
        if (namespace.getBytes(StandardCharsets.UTF_8).length > room) {
            throw new IllegalArgumentException("Namespace is too long for channel " + MESSAGE_READY_PREFIX
                    + "<namespace>: at most " + room + " bytes, got " + namespace);
        }
        return new Channel(MESSAGE_READY_PREFIX + namespace);
    }

    /**
     * pgmq's native insert channel {@code pgmq.q_<lowercased queue name>.INSERT}, which pgmq (1.7.0 and later)
     * notifies with an empty payload once {@code pgmq.enable_notify_insert} is on for the queue. The queue name is
     * checked with pgmq's rules: not empty, at most {@value #MAX_QUEUE_NAME_LENGTH} characters, none of
     * {@code $ ; -- '}.
     */
    public static Channel queueInsert(String queueName) {
        Objects.requireNonNull(queueName, "queue name");
        if (queueName.isEmpty()) {
            throw new IllegalArgumentException("Queue name is empty");
        }
        if (queueName.length() > MAX_QUEUE_NAME_LENGTH) {
            throw new IllegalArgumentException("queue name is too long, maximum length is " + MAX_QUEUE_NAME_LENGTH
                    + " characters: " + queueName);
        }
        if (FORBIDDEN_IN_QUEUE_NAME.matcher(queueName).find()) {
            throw new IllegalArgumentException(
                    "queue name contains invalid characters: $, ;, --, or \\': " + printable(queueName));
        }
        return new Channel("pgmq.q_" + queueName.toLowerCase(Locale.ROOT) + ".INSERT");
    }

    /** The name as a quoted SQL identifier for LISTEN/UNLISTEN: in double quotes, inner quotes doubled. */
    public String quoted() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** For a native insert channel {@code pgmq.q_<queue>.INSERT}, the (lowercased) queue name. */
    public Optional<String> insertQueue() {
        Matcher matcher = QUEUE_INSERT.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The plain channel name. */
    @Override
    public String toString() {
        return name;
    }

    private static String printable(String text) {
        return text.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }
}

package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.InvalidQueueNameException;
import dev.tasker.dao.pgmq.QueueNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

    /** The global channel of {@code pgmq_send_with_notify} and {@code pgmq_send_batch_with_notify}. */
    public static final Channel MESSAGE_READY = new Channel("pgmq_message_ready");
    /** The channel of the queue-created trigger on {@code pgmq.meta}. */
    public static final Channel QUEUE_CREATED = new Channel("pgmq_queue_created");

    private static final String MESSAGE_READY_PREFIX = MESSAGE_READY.name() + ".";
    private static final Pattern QUEUE_INSERT = Pattern.compile("pgmq\\.q_(.*)\\.INSERT", Pattern.DOTALL);
    private static final Pattern WORKER_QUEUE = Pattern.compile("worker_.*_queue", Pattern.DOTALL);
    private static final Pattern WORKER_NAMESPACE = Pattern.compile("worker_(.+?)_queue", Pattern.DOTALL);
    private static final Pattern NAMED_QUEUE = Pattern.compile("([a-zA-Z][a-zA-Z0-9_]*)_queue");

    /**
     * Validates the name: not null or empty, no NUL character, at most {@value #MAX_NAME_BYTES} bytes in UTF-8.
     *
     * @throws InvalidChannelNameException naming what is wrong
     */
    public Channel {
        if (name == null) {
            throw new InvalidChannelNameException(null, "Channel name must not be null");
        }
        if (name.isEmpty()) {
            throw new InvalidChannelNameException(name, "Channel name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidChannelNameException(name,
                    "Channel name contains a NUL character: " + name.replace('\0', '?'));
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new InvalidChannelNameException(name, "Channel name is " + bytes
                    + " bytes long, PostgreSQL allows at most " + MAX_NAME_BYTES + ": " + name);
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
     *
     * @throws InvalidChannelNameException for a null, blank or too long namespace or one with control characters
     */
    public static Channel messageReady(String namespace) {
        if (namespace == null) {
            throw new InvalidChannelNameException(null, "Namespace must not be null");
        }
        if (namespace.isBlank()) {
            throw new InvalidChannelNameException(namespace, "Namespace is blank");
        }
        if (namespace.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidChannelNameException(namespace,
                    "Namespace contains a control character: " + printable(namespace));
        }
        int room = MAX_NAME_BYTES - MESSAGE_READY_PREFIX.length();
        if (namespace.getBytes(StandardCharsets.UTF_8).length > room) {
            throw new InvalidChannelNameException(namespace, "Namespace is too long for channel "
                    + MESSAGE_READY_PREFIX + "<namespace>: at most " + room + " bytes, got " + namespace);
        }
        return new Channel(MESSAGE_READY_PREFIX + namespace);
    }

    /**
     * The namespace channel on which the notify wrappers announce messages of {@code queueName}:
     * {@code messageReady(namespaceOf(queueName))}.
     *
     * @throws InvalidQueueNameException for a name pgmq rejects
     * @throws InvalidChannelNameException when the derived namespace does not fit a channel name
     */
    public static Channel forQueue(String queueName) {
        return messageReady(namespaceOf(queueName));
    }

    /**
     * The namespace the wrappers' {@code extract_queue_namespace} derives from {@code queueName} (pgmq-api.md
     * A.3.1, case-sensitive, first match wins): {@code orchestration} for names starting with it; {@code <ns>} for
     * {@code worker_<ns>_queue} ({@code worker} if {@code <ns>} is empty); {@code <name>} for {@code <name>_queue}
     * where the name starts with a letter and has only letters, digits and underscores; otherwise {@code default}.
     *
     * @throws InvalidQueueNameException for a name pgmq rejects ({@link QueueNames#pgmqRules(String)})
     */
    public static String namespaceOf(String queueName) {
        QueueNames.pgmqRules(queueName);
        if (queueName.startsWith("orchestration")) {
            return "orchestration";
        }
        if (WORKER_QUEUE.matcher(queueName).matches()) {
            Matcher worker = WORKER_NAMESPACE.matcher(queueName);
            return worker.matches() ? worker.group(1) : "worker";
        }
        Matcher named = NAMED_QUEUE.matcher(queueName);
        return named.matches() ? named.group(1) : "default";
    }

    /**
     * pgmq's native insert channel {@code pgmq.q_<lowercased queue name>.INSERT}, which pgmq (1.7.0 and later)
     * notifies with an empty payload once {@code pgmq.enable_notify_insert} is on for the queue. The queue name is
     * checked with pgmq's rules for {@code pgmq.create} ({@link QueueNames#pgmqCreateRules(String)}).
     *
     * @throws InvalidQueueNameException with pgmq's error text for a name pgmq would not create
     */
    public static Channel queueInsert(String queueName) {
        QueueNames.pgmqCreateRules(queueName);
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

package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;

/**
 * Topic routing (pgmq 1.11.0+): bind patterns to queues, then send by routing key to every queue whose pattern
 * matches, AMQP-style. Obtained from {@link PgmqClient#topics()}.
 *
 * <p>Patterns are dot-separated segments where {@code *} matches exactly one segment and {@code #} zero or more
 * ({@code orders.*}, {@code orders.#}, {@code *.error}). Routing keys and patterns are checked before any round trip
 * with pgmq's own rules and texts ({@link TopicKeys}); queue names with {@link QueueNames}. A send that matches no
 * binding sends nothing and is not an error. Everything runs in the caller's transaction when the client has one: a
 * rollback undoes the sends to every queue. On pgmq before 1.11.0 every method throws
 * {@link UnsupportedFeatureException} before anything is sent.
 */
public final class QueueTopics {

    private final PgmqContext ctx;

    QueueTopics(PgmqContext ctx) {
        this.ctx = ctx;
    }

    /** Binds {@code pattern} to {@code queue} ({@code pgmq.bind_topic}); binding the same pair again does nothing. */
    public void bind(String pattern, String queue) {
        TopicKeys.pattern(pattern);
        QueueNames.validate(queue);
        requireTopics();
        ctx.fetch("bind topic " + pattern + " to queue " + queue, queue,
                "SELECT pgmq.bind_topic(?::text, ?::text)", pattern, queue);
    }

    /** Removes the binding of {@code pattern} to {@code queue}; true if there was one ({@code pgmq.unbind_topic}). */
    public boolean unbind(String pattern, String queue) {
        Arguments.check(pattern != null && !pattern.isEmpty(), "pattern", "pattern cannot be NULL or empty");
        QueueNames.validate(queue);
        requireTopics();
        return ctx.value("unbind topic " + pattern + " from queue " + queue, queue, Boolean.class,
                "SELECT pgmq.unbind_topic(?::text, ?::text)", pattern, queue);
    }

    /** Every binding, newest first ({@code pgmq.list_topic_bindings()}). */
    public List<TopicBinding> bindings() {
        requireTopics();
        return bindings(ctx.fetch("list topic bindings", null, "SELECT * FROM pgmq.list_topic_bindings()"));
    }

    /** The bindings of {@code queue}, newest first ({@code pgmq.list_topic_bindings(text)}). */
    public List<TopicBinding> bindings(String queue) {
        QueueNames.validate(queue);
        requireTopics();
        return bindings(ctx.fetch("list topic bindings of queue " + queue, queue,
                "SELECT * FROM pgmq.list_topic_bindings(?::text)", queue));
    }

    /** The bindings {@code routingKey} matches, by pattern, without sending anything ({@code pgmq.test_routing}). */
    public List<TopicRoute> testRouting(String routingKey) {
        TopicKeys.routingKey(routingKey);
        requireTopics();
        return ctx.fetch("test routing of " + routingKey, null, "SELECT * FROM pgmq.test_routing(?::text)", routingKey)
                .map(row -> new TopicRoute(row.get("pattern", String.class), row.get("queue_name", String.class),
                        row.get("compiled_regex", String.class)));
    }

    /**
     * Sends {@code payload} once to every queue with a binding matching {@code routingKey}, visible at once; returns
     * how many queues received it ({@code pgmq.send_topic}).
     */
    public int send(String routingKey, Object payload) {
        return send(routingKey, payload, 0, null);
    }

    /** As {@link #send(String, Object)}, visible after {@code delaySeconds} (not negative). */
    public int send(String routingKey, Object payload, int delaySeconds) {
        return send(routingKey, payload, delaySeconds, null);
    }

    /** As {@link #send(String, Object, int)}, with {@code headers} (a JSON value, or null for none). */
    public int send(String routingKey, Object payload, int delaySeconds, Object headers) {
        TopicKeys.routingKey(routingKey);
        Arguments.check(delaySeconds >= 0, "delay", "delay cannot be negative, got: " + delaySeconds);
        String message = ctx.codec().encode(payload, "payload");
        String encodedHeaders = headers == null ? null : ctx.codec().encode(headers, "headers");
        requireTopics();
        return ctx.value("send to topic " + routingKey, null, Integer.class,
                "SELECT pgmq.send_topic(?::text, ?::jsonb, ?::jsonb, ?::integer)",
                routingKey, message, encodedHeaders, delaySeconds);
    }

    /**
     * Sends {@code payloads} to every queue with a binding matching {@code routingKey}, one batch per queue, visible
     * at once; returns where each message went, by queue name, then in payload order ({@code pgmq.send_batch_topic}).
     */
    public List<RoutedMessage> sendBatch(String routingKey, List<?> payloads) {
        return sendBatch(routingKey, payloads, Delay.NONE, null);
    }

    /** As {@link #sendBatch(String, List)}, visible after {@code delay}. */
    public List<RoutedMessage> sendBatch(String routingKey, List<?> payloads, Delay delay) {
        return sendBatch(routingKey, payloads, delay, null);
    }

    /**
     * As {@link #sendBatch(String, List, Delay)}, with {@code headers} (one JSON value per payload, same length; null
     * for none).
     */
    public List<RoutedMessage> sendBatch(String routingKey, List<?> payloads, Delay delay, List<?> headers) {
        TopicKeys.routingKey(routingKey);
        Arguments.required("delay", delay);
        List<Object> binds = new ArrayList<>(List.of(routingKey, encodeBatch(payloads, "payload")));
        StringBuilder sql = new StringBuilder("SELECT * FROM pgmq.send_batch_topic(?::text, ?::text[]::jsonb[]");
        if (headers != null) {
            if (headers.size() != payloads.size()) {
                throw new InvalidPayloadException("headers array length (" + headers.size()
                        + ") must match msgs array length (" + payloads.size() + ")");
            }
            binds.add(encodeBatch(headers, "headers"));
            sql.append(", ?::text[]::jsonb[]");
        }
        switch (delay) {
            case Delay.Seconds seconds -> {
                binds.add(seconds.seconds());
                sql.append(", ?::integer)");
            }
            case Delay.Until until -> {
                binds.add(Timestamps.bind(until.at()));
                sql.append(", ?::timestamptz)");
            }
        }
        requireTopics();
        return ctx.fetch("send batch to topic " + routingKey, null, sql.toString(), binds.toArray())
                .map(row -> new RoutedMessage(row.get("queue_name", String.class), row.get("msg_id", Long.class)));
    }

    private void requireTopics() {
        PgmqFeatures.require(ctx.features().topics(), "topics", "1.11.0");
    }

    private static List<TopicBinding> bindings(List<Record> rows) {
        return rows.stream().map(row -> new TopicBinding(row.get("pattern", String.class),
                row.get("queue_name", String.class), Timestamps.require(row, "bound_at"),
                row.get("compiled_regex", String.class))).toList();
    }

    private String[] encodeBatch(List<?> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new InvalidPayloadException("msgs cannot be NULL or empty");
        }
        String[] encoded = new String[values.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = ctx.codec().encode(values.get(i), what + " at index " + i + " of the batch");
        }
        return encoded;
    }
}

package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;
import dev.tasker.schema.pgmq.generated.Routines;
import java.util.ArrayList;
import java.util.List;
import org.jooq.JSONB;

/**
 * Sends messages with pgmq's {@code send} / {@code send_batch} overloads and the project's notify wrappers
 * ({@code public.pgmq_send_with_notify}, {@code public.pgmq_send_batch_with_notify}). Obtained from
 * {@link PgmqClient#sender()}.
 *
 * <p>Payloads and headers are encoded by the client's codec: a {@code JsonNode}, a {@code String} holding JSON text,
 * or any value the {@code ObjectMapper} converts. Names and payloads are checked before any round trip; a rejected
 * message (or any message of a rejected batch) is not sent. A batch is one statement, so it is sent entirely or not
 * at all. Inside the caller's transaction a send commits or rolls back with it (transactional outbox).
 */
public final class QueueSender {

    private final PgmqContext ctx;

    QueueSender(PgmqContext ctx) {
        this.ctx = ctx;
    }

    /** Sends {@code payload} to {@code queue}, visible at once; returns its message id. */
    public long send(String queue, Object payload) {
        return send(queue, payload, Delay.NONE);
    }

    /** Sends {@code payload} to {@code queue}, visible after {@code delay}; returns its message id. */
    public long send(String queue, Object payload, Delay delay) {
        return send(queue, payload, delay, null, false);
    }

    /** Sends {@code payload} with {@code headers} (a JSON value) to {@code queue}, visible after {@code delay}. */
    public long send(String queue, Object payload, Delay delay, Object headers) {
        return send(queue, payload, delay, headers, true);
    }

    /** Sends {@code payloads} to {@code queue} in one round trip, visible at once; returns their ids in order. */
    public List<Long> sendBatch(String queue, List<?> payloads) {
        return sendBatch(queue, payloads, Delay.NONE);
    }

    /** Sends {@code payloads} in one round trip, visible after {@code delay}; returns their ids in order. */
    public List<Long> sendBatch(String queue, List<?> payloads, Delay delay) {
        return sendBatch(queue, payloads, delay, null);
    }

    /**
     * Sends {@code payloads} with {@code headers} (one JSON value per payload, same length) in one round trip,
     * visible after {@code delay}; returns their ids in order.
     */
    public List<Long> sendBatch(String queue, List<?> payloads, Delay delay, List<?> headers) {
        QueueNames.validate(queue);
        Arguments.required("delay", delay);
        List<Object> binds = new ArrayList<>(List.of(queue, encodeBatch(payloads, "payload")));
        headers = TraceHeaders.addToBatch(ctx, queue, headers, payloads.size());
        StringBuilder sql = new StringBuilder("SELECT * FROM pgmq.send_batch(?::text, ?::text[]::jsonb[]");
        if (headers != null) {
            if (headers.size() != payloads.size()) {
                throw new InvalidPayloadException("headers array length (" + headers.size()
                        + ") must match msgs array length (" + payloads.size() + ")");
            }
            binds.add(encodeBatch(headers, "headers"));
            sql.append(", ?::text[]::jsonb[]");
        }
        binds.add(bindValue(delay));
        sql.append(", ?::").append(sqlCast(delay)).append(')');
        return ctx.fetch("send batch to queue " + queue, queue, sql.toString(), binds.toArray())
                .getValues(0, Long.class);
    }

    /**
     * Sends {@code payload} through {@code public.pgmq_send_with_notify}, which also notifies
     * {@code pgmq_message_ready.<namespace>} and {@code pgmq_message_ready} on commit; visible at once.
     */
    public long sendWithNotify(String queue, Object payload) {
        return sendWithNotify(queue, payload, 0);
    }

    /** As {@link #sendWithNotify(String, Object)}, visible after {@code delaySeconds}. */
    public long sendWithNotify(String queue, Object payload, int delaySeconds) {
        QueueNames.validate(queue);
        JSONB message = JSONB.valueOf(ctx.codec().encode(payload, "payload"));
        Object headers = TraceHeaders.add(ctx, queue, null);
        if (headers != null) {
            String encoded = ctx.codec().encode(headers, "headers");
            return ctx.atomic("send with notify to queue " + queue, queue, bound -> {
                long msgId = Routines.pgmqSendWithNotify(bound.dsl().configuration(), queue, message, delaySeconds);
                TraceHeaders.write(bound, queue, List.of(msgId), List.of(encoded));
                return msgId;
            });
        }
        return PgmqErrors.call("send with notify to queue " + queue, queue,
                () -> Routines.pgmqSendWithNotify(ctx.dsl().configuration(), queue, message, delaySeconds));
    }

    /**
     * Sends {@code payloads} in one round trip through {@code public.pgmq_send_batch_with_notify} (one
     * {@code batch_ready} notification per channel on commit), visible at once; returns their ids in order.
     */
    public List<Long> sendBatchWithNotify(String queue, List<?> payloads) {
        return sendBatchWithNotify(queue, payloads, 0);
    }

    /** As {@link #sendBatchWithNotify(String, List)}, visible after {@code delaySeconds}. */
    public List<Long> sendBatchWithNotify(String queue, List<?> payloads, int delaySeconds) {
        QueueNames.validate(queue);
        String[] encoded = encodeBatch(payloads, "payload");
        JSONB[] messages = new JSONB[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            messages[i] = JSONB.valueOf(encoded[i]);
        }
        List<?> headers = TraceHeaders.addToBatch(ctx, queue, null, encoded.length);
        if (headers != null) {
            List<String> encodedHeaders = List.of(encodeBatch(headers, "headers"));
            return ctx.atomic("send batch with notify to queue " + queue, queue, bound -> {
                List<Long> msgIds = Routines.pgmqSendBatchWithNotify(bound.dsl().configuration(), queue, messages,
                        delaySeconds).getValues(0, Long.class);
                TraceHeaders.write(bound, queue, msgIds, encodedHeaders);
                return msgIds;
            });
        }
        return PgmqErrors.call("send batch with notify to queue " + queue, queue,
                () -> Routines.pgmqSendBatchWithNotify(ctx.dsl().configuration(), queue, messages, delaySeconds)
                        .getValues(0, Long.class));
    }

    private long send(String queue, Object payload, Delay delay, Object headers, boolean withHeaders) {
        QueueNames.validate(queue);
        Arguments.required("delay", delay);
        String message = ctx.codec().encode(payload, "payload");
        String operation = "send to queue " + queue;
        Object sentHeaders = TraceHeaders.add(ctx, queue, headers);
        if (withHeaders || sentHeaders != null) {
            String encodedHeaders = ctx.codec().encode(sentHeaders, "headers");
            return ctx.value(operation, queue, Long.class,
                    "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::jsonb, ?::" + sqlCast(delay) + ")",
                    queue, message, encodedHeaders, bindValue(delay));
        }
        return ctx.value(operation, queue, Long.class,
                "SELECT * FROM pgmq.send(?::text, ?::jsonb, ?::" + sqlCast(delay) + ")",
                queue, message, bindValue(delay));
    }

    /** The cast selecting pgmq's {@code integer} or {@code timestamptz} overload for {@code delay}. */
    private static String sqlCast(Delay delay) {
        return switch (delay) {
            case Delay.Seconds ignored -> "integer";
            case Delay.Until ignored -> "timestamptz";
        };
    }

    /** The value bound for {@code delay}'s parameter. */
    private static Object bindValue(Delay delay) {
        return switch (delay) {
            case Delay.Seconds seconds -> seconds.seconds();
            case Delay.Until until -> Timestamps.bind(until.at());
        };
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

package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.support.Arguments;
import dev.tasker.schema.pgmq.generated.Routines;
import java.util.List;
import java.util.Optional;

/**
 * Receives messages, decoded by column name into {@link Message}s whose payload is mapped to {@code T} (a
 * {@link JsonNode} reader gives raw access). Obtained from {@link PgmqClient#reader()} and its typed variants.
 *
 * <p>Reads set each message's visibility timeout ({@code vt}) and count the read; inside the caller's transaction a
 * rollback undoes both. Results are ordered by message id. If a payload does not map to {@code T} the call throws
 * {@link PayloadMappingException}; the messages were read nonetheless and reappear after their timeout. A negative
 * {@code qty} or a poll interval below 1 ms is rejected with {@link InvalidArgumentException} before any round trip.
 *
 * @param <T> the payload type
 */
public final class QueueReader<T> {

    private final PgmqContext ctx;
    private final JavaType payloadType;

    QueueReader(PgmqContext ctx, JavaType payloadType) {
        this.ctx = ctx;
        this.payloadType = payloadType;
    }

    /**
     * Reads up to {@code qty} visible messages of {@code queue} in id order ({@code pgmq.read}) and hides them for
     * {@code vtSeconds}.
     */
    public List<Message<T>> read(String queue, int vtSeconds, int qty) {
        checkQuantity(queue, qty);
        return decode(queue, ctx.fetch("read from queue " + queue, queue,
                "SELECT * FROM pgmq.read(?::text, ?::integer, ?::integer) ORDER BY msg_id", queue, vtSeconds, qty));
    }

    /**
     * As {@link #read(String, int, int)}, taking only messages whose payload contains {@code filter} (jsonb
     * {@code @>}; pgmq's experimental {@code conditional} argument, pgmq 1.5.0+; an empty object means no filter).
     *
     * @throws UnsupportedFeatureException if the installed pgmq has no {@code conditional} argument
     */
    public List<Message<T>> read(String queue, int vtSeconds, int qty, Object filter) {
        checkQuantity(queue, qty);
        String conditional = conditional(filter);
        return decode(queue, ctx.fetch("read from queue " + queue, queue,
                "SELECT * FROM pgmq.read(?::text, ?::integer, ?::integer, ?::jsonb) ORDER BY msg_id",
                queue, vtSeconds, qty, conditional));
    }

    /**
     * Reads like {@link #read(String, int, int)}, but when nothing is visible waits inside the database
     * ({@code pgmq.read_with_poll}), checking every {@code pollIntervalMs}, for up to {@code maxPollSeconds}; returns
     * as soon as a pass finds anything (possibly fewer than {@code qty}), or an empty list at the deadline
     * ({@code maxPollSeconds <= 0} returns at once without reading).
     *
     * <p><b>This holds a database connection for the whole wait</b> (and, inside the caller's transaction, keeps
     * that transaction open): size the pool and any {@code statement_timeout} for it. Messages committed by other
     * sessions during the wait are seen by the next pass.
     */
    public List<Message<T>> readWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds,
            int pollIntervalMs) {
        checkPoll(queue, qty, pollIntervalMs);
        return decode(queue, ctx.fetch("read with poll from queue " + queue, queue,
                "SELECT * FROM pgmq.read_with_poll(?::text, ?::integer, ?::integer, ?::integer, ?::integer)"
                        + " ORDER BY msg_id",
                queue, vtSeconds, qty, maxPollSeconds, pollIntervalMs));
    }

    /** As {@link #readWithPoll(String, int, int, int, int)} with a containment {@code filter} (see read). */
    public List<Message<T>> readWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds,
            int pollIntervalMs, Object filter) {
        checkPoll(queue, qty, pollIntervalMs);
        String conditional = conditional(filter);
        return decode(queue, ctx.fetch("read with poll from queue " + queue, queue,
                "SELECT * FROM pgmq.read_with_poll(?::text, ?::integer, ?::integer, ?::integer, ?::integer,"
                        + " ?::jsonb) ORDER BY msg_id",
                queue, vtSeconds, qty, maxPollSeconds, pollIntervalMs, conditional));
    }

    /**
     * Reads message {@code msgId} of {@code queue} if it is visible, hiding it for {@code vtSeconds}
     * ({@code public.pgmq_read_specific_message}); empty if it is invisible, deleted or unknown. The wrapper returns
     * no {@code headers} or {@code last_read_at}, so those are empty.
     *
     * @throws InvalidQueueNameException unless the name is letters, digits and underscores (the wrapper's rule)
     */
    public Optional<Message<T>> readSpecific(String queue, long msgId, int vtSeconds) {
        QueueNames.forWrapper(queue);
        return decode(queue, PgmqErrors.call("read message " + msgId + " from queue " + queue, queue,
                () -> Routines.pgmqReadSpecificMessage(ctx.dsl().configuration(), queue, msgId, vtSeconds)))
                .stream().findFirst();
    }

    /** Deletes and returns the oldest visible message of {@code queue} ({@code pgmq.pop}); not counted as a read. */
    public Optional<Message<T>> pop(String queue) {
        QueueNames.validate(queue);
        return decode(queue, ctx.fetch("pop from queue " + queue, queue, "SELECT * FROM pgmq.pop(?::text)", queue))
                .stream().findFirst();
    }

    /**
     * Deletes and returns up to {@code qty} visible messages of {@code queue} in id order
     * ({@code pgmq.pop(text, integer)}).
     *
     * @throws UnsupportedFeatureException for {@code qty > 1} on pgmq before 1.7.0
     */
    public List<Message<T>> pop(String queue, int qty) {
        checkQuantity(queue, qty);
        if (qty == 1) {
            return pop(queue).stream().toList();
        }
        PgmqFeatures.require(ctx.features().popQuantity(), "pop with a quantity", "1.7.0");
        return decode(queue, ctx.fetch("pop from queue " + queue, queue,
                "SELECT * FROM pgmq.pop(?::text, ?::integer) ORDER BY msg_id", queue, qty));
    }

    /**
     * {@code message}, as received raw by a {@link JsonNode} reader of {@code queue}, with its payload mapped to
     * {@code T} (no round trip). Lets a caller read raw and map message by message, so that one payload that does not
     * map does not fail the others.
     *
     * @throws PayloadMappingException if the payload does not map to {@code T}
     */
    public Message<T> map(String queue, Message<JsonNode> message) {
        Arguments.required("message", message);
        JsonNode payload = message.payload() == null ? ctx.codec().mapper().nullNode() : message.payload();
        try {
            return message.withPayload(ctx.codec().map(payload, payloadType));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PayloadMappingException(queue, message.msgId(), payloadType.toString(), e);
        }
    }

    /**
     * The {@code headers} of message {@code msgId} of {@code queue} as stored (no visibility change, not a read);
     * empty when it has none or is gone. For messages read with {@link #readSpecific}, whose wrapper returns none.
     */
    public Optional<JsonNode> headers(String queue, long msgId) {
        return TraceHeaders.read(ctx, queue, msgId);
    }

    private List<Message<T>> decode(String queue, List<? extends org.jooq.Record> rows) {
        return new MessageDecoder<T>(ctx.codec(), payloadType, queue).decodeAll(rows);
    }

    private String conditional(Object filter) {
        String conditional = ctx.codec().encode(filter, "read filter");
        if (!"{}".equals(conditional)) {
            PgmqFeatures.require(ctx.features().conditionalRead(), "read with a conditional filter", "1.5.0");
        }
        return conditional;
    }

    private static void checkQuantity(String queue, int qty) {
        QueueNames.validate(queue);
        Arguments.notNegative("qty", qty);
    }

    private static void checkPoll(String queue, int qty, int pollIntervalMs) {
        checkQuantity(queue, qty);
        Arguments.check(pollIntervalMs > 0, "pollIntervalMs", "must be positive, got " + pollIntervalMs);
    }
}

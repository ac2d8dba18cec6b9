package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.support.Arguments;
import dev.tasker.schema.pgmq.generated.Routines;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Settles received messages: delete, archive, change the visibility timeout, and the project's wrappers for one
 * specific message. Obtained from {@link PgmqClient#settler()}. Unknown ids are not an error: single forms return
 * false or empty, batch forms leave them out of the result. Batch forms with no ids return at once.
 */
public final class MessageSettler {

    private final PgmqContext ctx;

    MessageSettler(PgmqContext ctx) {
        this.ctx = ctx;
    }

    /** Deletes message {@code msgId} of {@code queue} ({@code pgmq.delete}); false if there was none. */
    public boolean delete(String queue, long msgId) {
        return single("delete", queue, msgId);
    }

    /** Deletes the messages {@code msgIds} of {@code queue}; returns the ids actually deleted, ascending. */
    public List<Long> delete(String queue, Collection<Long> msgIds) {
        return many("delete", queue, msgIds);
    }

    /** Moves message {@code msgId} of {@code queue} to its archive {@code pgmq.a_<queue>}; false if there was none. */
    public boolean archive(String queue, long msgId) {
        return single("archive", queue, msgId);
    }

    /** Archives the messages {@code msgIds} of {@code queue}; returns the ids actually archived, ascending. */
    public List<Long> archive(String queue, Collection<Long> msgIds) {
        return many("archive", queue, msgIds);
    }

    /**
     * Hides message {@code msgId} of {@code queue} until {@code vtSeconds} from now ({@code 0}: visible at once;
     * {@code pgmq.set_vt}); returns the updated message, empty if there is none. The read count is unchanged.
     */
    public Optional<Message<JsonNode>> setVt(String queue, long msgId, int vtSeconds) {
        return setVt(queue, "?::bigint", msgId, "?::integer", vtSeconds).stream().findFirst();
    }

    /**
     * Hides message {@code msgId} of {@code queue} until {@code visibleAt}; returns the updated message.
     *
     * @throws UnsupportedFeatureException on pgmq before 1.10.0
     */
    public Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt) {
        Arguments.required("visibleAt", visibleAt);
        PgmqFeatures.require(ctx.features().absoluteSetVt(), "set_vt to an absolute time", "1.10.0");
        return setVt(queue, "?::bigint", msgId, "?::timestamptz", Timestamps.bind(visibleAt)).stream().findFirst();
    }

    /**
     * Hides the messages {@code msgIds} of {@code queue} until {@code vtSeconds} from now; returns the updated
     * messages in id order.
     *
     * @throws UnsupportedFeatureException on pgmq before 1.8.0
     */
    public List<Message<JsonNode>> setVt(String queue, Collection<Long> msgIds, int vtSeconds) {
        Long[] ids = ids(queue, msgIds);
        if (ids.length == 0) {
            return List.of();
        }
        PgmqFeatures.require(ctx.features().batchSetVt(), "set_vt of many messages", "1.8.0");
        return setVt(queue, "?::bigint[]", ids, "?::integer", vtSeconds);
    }

    /**
     * Hides the messages {@code msgIds} of {@code queue} until {@code visibleAt}; returns the updated messages.
     *
     * @throws UnsupportedFeatureException on pgmq before 1.10.0
     */
    public List<Message<JsonNode>> setVt(String queue, Collection<Long> msgIds, Instant visibleAt) {
        Arguments.required("visibleAt", visibleAt);
        Long[] ids = ids(queue, msgIds);
        if (ids.length == 0) {
            return List.of();
        }
        PgmqFeatures.require(ctx.features().absoluteSetVt(), "set_vt to an absolute time", "1.10.0");
        return setVt(queue, "?::bigint[]", ids, "?::timestamptz", Timestamps.bind(visibleAt));
    }

    /**
     * Pushes the visibility timeout of message {@code msgId} of {@code queue} out by {@code additionalSeconds} from
     * its current value, visible or not ({@code public.pgmq_extend_vt_specific_message}); false if there is no such
     * message.
     *
     * @throws InvalidQueueNameException unless the name is letters, digits and underscores (the wrapper's rule)
     */
    public boolean extendVt(String queue, long msgId, int additionalSeconds) {
        QueueNames.forWrapper(queue);
        return PgmqErrors.call("extend vt of message " + msgId + " in queue " + queue, queue,
                () -> Routines.pgmqExtendVtSpecificMessage(ctx.dsl().configuration(), queue, msgId,
                        additionalSeconds));
    }

    /**
     * Deletes message {@code msgId} of {@code queue} through {@code public.pgmq_delete_specific_message}; false if
     * there was none.
     *
     * @throws InvalidQueueNameException unless the name is letters, digits and underscores (the wrapper's rule)
     */
    public boolean deleteSpecific(String queue, long msgId) {
        QueueNames.forWrapper(queue);
        return PgmqErrors.call("delete message " + msgId + " from queue " + queue, queue,
                () -> Routines.pgmqDeleteSpecificMessage(ctx.dsl().configuration(), queue, msgId));
    }

    private boolean single(String function, String queue, long msgId) {
        QueueNames.validate(queue);
        return ctx.value(function + " message " + msgId + " of queue " + queue, queue, Boolean.class,
                "SELECT pgmq." + function + "(?::text, ?::bigint)", queue, msgId);
    }

    private List<Long> many(String function, String queue, Collection<Long> msgIds) {
        Long[] ids = ids(queue, msgIds);
        if (ids.length == 0) {
            return List.of();
        }
        return ctx.fetch(function + " messages of queue " + queue, queue,
                "SELECT * FROM pgmq." + function + "(?::text, ?::bigint[]) AS settled(msg_id) ORDER BY msg_id",
                queue, ids).getValues(0, Long.class);
    }

    private List<Message<JsonNode>> setVt(String queue, String idsCast, Object ids, String vtCast, Object vt) {
        QueueNames.validate(queue);
        return new MessageDecoder<JsonNode>(ctx.codec(), ctx.codec().mapper().constructType(JsonNode.class), queue)
                .decodeAll(ctx.fetch("set vt in queue " + queue, queue,
                        "SELECT * FROM pgmq.set_vt(?::text, " + idsCast + ", " + vtCast + ") ORDER BY msg_id",
                        queue, ids, vt));
    }

    private static Long[] ids(String queue, Collection<Long> msgIds) {
        QueueNames.validate(queue);
        return Arguments.noNulls("msgIds", msgIds).toArray(Long[]::new);
    }
}

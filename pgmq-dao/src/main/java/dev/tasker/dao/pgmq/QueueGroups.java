package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.dao.pgmq.support.Arguments;
import java.util.List;

/**
 * FIFO message groups (pgmq 1.9.0+): reads that keep each group's messages in send order and hand out a group's next
 * message only when no older one of it is in flight. Obtained from {@link PgmqClient#groups(Class)} and its variants.
 *
 * <p>A message's group is its header {@value #GROUP_HEADER} ({@link #groupHeader(String)} builds one for
 * {@link QueueSender#send(String, Object, Delay, Object)}); messages without it share the group
 * {@value #DEFAULT_GROUP}. Two strategies:
 * <ul>
 *   <li>{@link #readGrouped head of group, SQS-FIFO style} ({@code pgmq.read_grouped}): fills the batch from the
 *       group with the oldest head first, so one batch may hold several messages of one group, in order;</li>
 *   <li>{@link #readRoundRobin round robin} ({@code pgmq.read_grouped_rr}): the first message of every ready group,
 *       then the second, and so on, so groups share the batch fairly. It also takes a transaction-scoped advisory
 *       lock per group (keyed by the group name, across queues), so concurrent readers in open transactions never
 *       take the same group.</li>
 * </ul>
 * Reads set the visibility timeout and count the read like {@link QueueReader#read(String, int, int)}. A negative
 * {@code qty} or a poll interval below 1 ms is rejected with {@link InvalidArgumentException} before any round trip.
 *
 * On pgmq before 1.9.0 every read and index method throws {@link UnsupportedFeatureException} before anything is
 * read.
 *
 * @param <T> the payload type
 */
public final class QueueGroups<T> {

    /** The header that names a message's group. */
    public static final String GROUP_HEADER = "x-pgmq-group";
    /** The group of messages without a {@value #GROUP_HEADER} header (or with a JSON null there). */
    public static final String DEFAULT_GROUP = "_default_fifo_group";

    private final PgmqContext ctx;
    private final JavaType payloadType;

    QueueGroups(PgmqContext ctx, JavaType payloadType) {
        this.ctx = ctx;
        this.payloadType = payloadType;
    }

    /** Headers that put a message into {@code group}: {@code {"x-pgmq-group": group}}. */
    public static ObjectNode groupHeader(String group) {
        Arguments.required("group", group);
        return JsonNodeFactory.instance.objectNode().put(GROUP_HEADER, group);
    }

    /** The group of {@code message} by pgmq's rule: its {@value #GROUP_HEADER} text, else {@value #DEFAULT_GROUP}. */
    public static String groupOf(Message<?> message) {
        Arguments.required("message", message);
        JsonNode value = message.headers().map(headers -> headers.get(GROUP_HEADER)).orElse(null);
        if (value == null || value.isNull()) {
            return DEFAULT_GROUP;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * Reads up to {@code qty} messages SQS-FIFO style ({@code pgmq.read_grouped}) and hides them for
     * {@code vtSeconds}; returned in message id order.
     */
    public List<Message<T>> readGrouped(String queue, int vtSeconds, int qty) {
        checkQuantity(queue, qty);
        return decode(queue, ctx.fetch("read grouped from queue " + queue, queue,
                "SELECT * FROM pgmq.read_grouped(?::text, ?::integer, ?::integer) ORDER BY msg_id",
                queue, vtSeconds, qty));
    }

    /**
     * As {@link #readGrouped(String, int, int)}, waiting inside the database for up to {@code maxPollSeconds},
     * checking every {@code pollIntervalMs} ({@code pgmq.read_grouped_with_poll}). <b>Holds a connection for the
     * whole wait.</b>
     */
    public List<Message<T>> readGroupedWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds,
            int pollIntervalMs) {
        checkPoll(queue, qty, pollIntervalMs);
        return decode(queue, ctx.fetch("read grouped with poll from queue " + queue, queue,
                "SELECT * FROM pgmq.read_grouped_with_poll(?::text, ?::integer, ?::integer, ?::integer, ?::integer)"
                        + " ORDER BY msg_id",
                queue, vtSeconds, qty, maxPollSeconds, pollIntervalMs));
    }

    /**
     * Reads up to {@code qty} messages round robin across groups ({@code pgmq.read_grouped_rr}) and hides them for
     * {@code vtSeconds}; returned in selection order (first layer, then second, groups by their oldest message).
     */
    public List<Message<T>> readRoundRobin(String queue, int vtSeconds, int qty) {
        checkQuantity(queue, qty);
        return decode(queue, ctx.fetch("read round robin from queue " + queue, queue,
                "SELECT * FROM pgmq.read_grouped_rr(?::text, ?::integer, ?::integer)", queue, vtSeconds, qty));
    }

    /**
     * As {@link #readRoundRobin(String, int, int)}, waiting inside the database for up to {@code maxPollSeconds}
     * ({@code pgmq.read_grouped_rr_with_poll}). <b>Holds a connection for the whole wait.</b>
     */
    public List<Message<T>> readRoundRobinWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds,
            int pollIntervalMs) {
        checkPoll(queue, qty, pollIntervalMs);
        return decode(queue, ctx.fetch("read round robin with poll from queue " + queue, queue,
                "SELECT * FROM pgmq.read_grouped_rr_with_poll(?::text, ?::integer, ?::integer, ?::integer,"
                        + " ?::integer)",
                queue, vtSeconds, qty, maxPollSeconds, pollIntervalMs));
    }

    /** Creates the GIN index {@code q_<queue>_fifo_idx} on the queue's headers unless it exists. */
    public void createIndex(String queue) {
        QueueNames.validate(queue);
        requireFifo();
        ctx.fetch("create FIFO index of queue " + queue, queue, "SELECT pgmq.create_fifo_index(?::text)", queue);
    }

    /** {@link #createIndex(String)} for every queue. */
    public void createIndexesForAllQueues() {
        requireFifo();
        ctx.fetch("create FIFO indexes", null, "SELECT pgmq.create_fifo_indexes_all()");
    }

    private List<Message<T>> decode(String queue, List<? extends org.jooq.Record> rows) {
        return new MessageDecoder<T>(ctx.codec(), payloadType, queue).decodeAll(rows);
    }

    private void checkQuantity(String queue, int qty) {
        QueueNames.validate(queue);
        Arguments.notNegative("qty", qty);
        requireFifo();
    }

    private void checkPoll(String queue, int qty, int pollIntervalMs) {
        Arguments.check(pollIntervalMs > 0, "pollIntervalMs", "must be positive, got " + pollIntervalMs);
        checkQuantity(queue, qty);
    }

    private void requireFifo() {
        PgmqFeatures.require(ctx.features().fifoReads(), "FIFO message groups", "1.9.0");
    }
}

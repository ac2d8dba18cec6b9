package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * The header work of a {@link MessageTracing}: adds its entries to outgoing headers, writes the headers of messages
 * sent through the notify wrappers (which take none) and looks up the headers of a message read through the
 * read-specific wrapper (which returns none). Does nothing while the client's tracing is {@link MessageTracing#NONE}.
 */
final class TraceHeaders {

    private TraceHeaders() {
    }

    /** {@code headers} with the tracing's entries for one message added; {@code headers} itself when none apply. */
    static Object add(PgmqContext ctx, String queue, Object headers) {
        if (!ctx.tracing().active()) {
            return headers;
        }
        Map<String, String> entries = ctx.tracing().headersToSend(queue);
        if (entries.isEmpty()) {
            return headers;
        }
        JsonNode tree = headers == null ? ctx.codec().mapper().createObjectNode()
                : ctx.codec().parse(ctx.codec().encode(headers, "headers"));
        if (!(tree instanceof ObjectNode object)) {
            return headers;
        }
        entries.forEach((name, value) -> {
            if (!object.has(name)) {
                object.put(name, value);
            }
        });
        return object;
    }

    /**
     * Per-message headers of a batch of {@code size} with the tracing's entries added to each; {@code headers}
     * unchanged when tracing is off or its length is not {@code size} (the sender reports that).
     */
    static List<?> addToBatch(PgmqContext ctx, String queue, List<?> headers, int size) {
        if (!ctx.tracing().active() || (headers != null && headers.size() != size)) {
            return headers;
        }
        List<Object> added = new ArrayList<>(size);
        boolean any = false;
        for (int i = 0; i < size; i++) {
            Object original = headers == null ? null : headers.get(i);
            Object withEntries = add(ctx, queue, original);
            any |= withEntries != original;
            added.add(withEntries);
        }
        return any ? added : headers;
    }

    /** Writes {@code headers} (encoded JSON, one per id) on messages {@code msgIds} of {@code queue}. */
    static void write(PgmqContext ctx, String queue, List<Long> msgIds, List<String> headers) {
        ctx.fetch("write headers in queue " + queue, queue,
                "UPDATE " + table(queue) + " AS q SET headers = h.headers"
                        + " FROM unnest(?::bigint[], ?::text[]::jsonb[]) AS h(msg_id, headers)"
                        + " WHERE q.msg_id = h.msg_id RETURNING q.msg_id",
                msgIds.toArray(Long[]::new), headers.toArray(String[]::new));
    }

    /** The headers of message {@code msgId} of {@code queue}; empty when it has none or is gone. */
    static Optional<JsonNode> read(PgmqContext ctx, String queue, long msgId) {
        return ctx.fetch("read headers in queue " + queue, queue,
                        "SELECT headers::text AS headers FROM " + table(queue) + " WHERE msg_id = ?::bigint", msgId)
                .stream().findFirst()
                .map(row -> row.get("headers", String.class))
                .map(ctx.codec()::parse);
    }

    /** pgmq's table of {@code queue}: {@code pgmq.q_<name>}, lowercased as pgmq's format_table_name does. */
    private static String table(String queue) {
        return DSL.using(org.jooq.SQLDialect.POSTGRES)
                .render(DSL.name("pgmq", "q_" + QueueNames.validate(queue).toLowerCase(Locale.ROOT)));
    }
}

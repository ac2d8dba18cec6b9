package dev.tasker.dao.pgmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue management through pgmq's SQL API: create (idempotent and safe when callers race), create unlogged, drop,
 * purge, list, exists and metrics. Obtained from {@link PgmqClient#queues()}.
 */
public final class QueueAdmin {

    /** SQLSTATEs of a concurrent create that got there first (unique_violation, duplicate_table, duplicate_object). */
    private static final Set<String> DUPLICATE_OBJECT = Set.of("23505", "42P07", "42710");

    private static final Logger LOG = LoggerFactory.getLogger(QueueAdmin.class);

    private final PgmqContext ctx;

    QueueAdmin(PgmqContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates queue {@code queue} ({@code pgmq.create}) unless it exists; returns whether this call created it.
     *
     * <p>Race-safe: the check and the create run in one unit (own transaction, or a savepoint in the caller's)
     * under {@code pg_advisory_xact_lock(hashtext('pgmq.queue_' || queue))}, the lock pgmq 1.6+ takes itself; a
     * concurrent creator that does not take it and wins anyway is recognised by its duplicate-object error. Inside
     * the caller's transaction the lock is held until that transaction ends.
     *
     * @throws InvalidQueueNameException if pgmq would reject the name (checked before any round trip)
     */
    public boolean create(String queue) {
        return create(queue, "create");
    }

    /** As {@link #create(String)}, with an UNLOGGED queue table ({@code pgmq.create_unlogged}; the archive is logged). */
    public boolean createUnlogged(String queue) {
        return create(queue, "create_unlogged");
    }

    /**
     * Drops queue {@code queue} with its archive ({@code pgmq.drop_queue(text)}); returns false if there was no such
     * queue. Runs under a savepoint inside the caller's transaction, so a missing queue never aborts it.
     */
    public boolean drop(String queue) {
        QueueNames.validate(queue);
        String operation = "drop queue " + queue;
        try {
            return ctx.atomic(operation, queue, unit -> {
                refuseOtherSpelling(unit, queue);
                return unit.value(operation, queue, Boolean.class, "SELECT pgmq.drop_queue(?::text)", queue);
            });
        } catch (QueueNotFoundException missing) {
            return false;
        }
    }

    /** Deletes every message of {@code queue} ({@code pgmq.purge_queue}; the archive is kept) and returns how many. */
    public long purge(String queue) {
        QueueNames.validate(queue);
        return ctx.value("purge queue " + queue, queue, Long.class, "SELECT pgmq.purge_queue(?::text)", queue);
    }

    /**
     * Whether {@code queue} is registered in {@code pgmq.meta}. A queue created outside this client under another
     * spelling ({@code ABC}) counts, since pgmq keeps its messages in the same table ({@code pgmq.q_abc}).
     */
    public boolean exists(String queue) {
        QueueNames.validate(queue);
        return exists(ctx, queue);
    }

    /** Every queue ({@code pgmq.list_queues()}), ordered by name. */
    public List<QueueInfo> list() {
        return ctx.fetch("list queues", null, "SELECT * FROM pgmq.list_queues() ORDER BY queue_name")
                .map(row -> new QueueInfo(row.get("queue_name", String.class), Timestamps.require(row, "created_at"),
                        row.get("is_partitioned", Boolean.class), row.get("is_unlogged", Boolean.class)));
    }

    /**
     * The metrics of {@code queue} ({@code pgmq.metrics}).
     *
     * @throws QueueNotFoundException if there is no such queue
     */
    public QueueMetrics metrics(String queue) {
        QueueNames.validate(queue);
        return toMetrics(ctx.fetch("metrics of queue " + queue, queue,
                "SELECT * FROM pgmq.metrics(?::text)", queue).get(0));
    }

    /**
     * The metrics of every queue ({@code pgmq.metrics_all()}), ordered by queue name. pgmq's function fails as a
     * whole when one queue is broken (its table dropped behind pgmq's back, a name whose derived identifiers were
     * truncated); then the queues are measured one by one ({@code pgmq.metrics}, each under a savepoint) and the
     * broken ones are left out and logged.
     */
    public List<QueueMetrics> metricsAll() {
        String operation = "metrics of all queues";
        try {
            return ctx.atomic(operation, null, unit -> unit.fetch(operation, null,
                    "SELECT * FROM pgmq.metrics_all() ORDER BY queue_name").map(QueueAdmin::toMetrics));
        } catch (PgmqException failure) {
            List<String> names;
            try {
                names = ctx.fetch(operation, null, "SELECT queue_name FROM pgmq.meta ORDER BY queue_name")
                        .getValues(0, String.class);
            } catch (PgmqException unreachable) {
                unreachable.addSuppressed(failure);
                throw unreachable;
            }
            List<QueueMetrics> metrics = new ArrayList<>();
            for (String name : names) {
                try {
                    metrics.add(ctx.atomic(operation, name, unit -> toMetrics(unit.fetch("metrics of queue " + name,
                            name, "SELECT * FROM pgmq.metrics(?::text)", name).get(0))));
                } catch (PgmqException broken) {
                    LOG.warn("metricsAll(): queue \"{}\" left out, its metrics fail: {}", name, broken.getMessage());
                }
            }
            return metrics;
        }
    }

    private boolean create(String queue, String function) {
        QueueNames.forCreate(queue);
        String operation = "create queue " + queue;
        try {
            return ctx.atomic(operation, queue, unit -> {
                unit.fetch(operation, queue, "SELECT pg_advisory_xact_lock(hashtext('pgmq.queue_' || ?::text))",
                        queue);
                if (exists(unit, queue)) {
                    return false;
                }
                unit.fetch(operation, queue, "SELECT pgmq." + function + "(?::text)", queue);
                return true;
            });
        } catch (PgmqException failure) {
            boolean lostRace = PgmqErrors.sqlState(failure).filter(DUPLICATE_OBJECT::contains).isPresent();
            if (lostRace && exists(ctx, queue)) {
                return false;
            }
            throw failure;
        }
    }

    private static boolean exists(PgmqContext ctx, String queue) {
        return ctx.value("look up queue " + queue, queue, Boolean.class,
                "SELECT EXISTS (SELECT 1 FROM pgmq.meta WHERE queue_name = ?::text OR lower(queue_name) = ?::text)",
                queue, queue);
    }

    /** Refuses to drop {@code queue} when pgmq.meta knows its table under another spelling only. */
    private static void refuseOtherSpelling(PgmqContext unit, String queue) {
        List<String> stored = unit.fetch("look up queue " + queue, queue, "SELECT queue_name FROM pgmq.meta"
                + " WHERE lower(queue_name) = ?::text", queue).getValues(0, String.class);
        if (!stored.isEmpty() && !stored.contains(queue)) {
            throw new InvalidQueueNameException(queue, "queue \"" + queue + "\" is registered as \""
                    + stored.getFirst() + "\" (created outside this client): dropping it by this name would leave its"
                    + " pgmq.meta row behind; drop it with SQL: SELECT pgmq.drop_queue('" + stored.getFirst() + "')");
        }
    }

    private static QueueMetrics toMetrics(Record row) {
        return new QueueMetrics(row.get("queue_name", String.class), row.get("queue_length", Long.class),
                row.get("queue_visible_length", Long.class),
                Optional.ofNullable(row.get("newest_msg_age_sec", Integer.class)),
                Optional.ofNullable(row.get("oldest_msg_age_sec", Integer.class)),
                row.get("total_messages", Long.class), Timestamps.require(row, "scrape_time"));
    }
}

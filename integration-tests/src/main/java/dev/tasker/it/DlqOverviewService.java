package dev.tasker.it;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.PgmqException;
import dev.tasker.dao.pgmq.QueueMetrics;
import dev.tasker.dao.tasker.TaskerDaoException;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.dlq.DlqReasonSummary;
import dev.tasker.migrator.DatabasePools;
import java.util.List;
import java.util.Objects;

/**
 * A DLQ dashboard with real queue statistics in either mode. The tasker database's own fallback,
 * {@code pgmq_queue_length(queue)}, can only count queues that live next to it and says 0 in split mode; this service
 * reads the dashboard from the tasker pool and the queue depths with {@code pgmq.metrics_all()} on the PGMQ pool,
 * as upstream's health checks do ({@code split-and-runtime.md} §8), so the depths are right in both modes. The two
 * reads are separate statements on separate pools: no transaction spans the two databases.
 */
public final class DlqOverviewService {

    private final DatabasePools pools;
    private final TaskerDataAccess tasker;
    private final PgmqClient pgmq;

    /** A service reading from {@code pools} (which the caller keeps owning). */
    public DlqOverviewService(DatabasePools pools) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.tasker = TaskerDataAccess.using(pools.tasker());
        this.pgmq = PgmqClient.using(pools.pgmq());
    }

    /**
     * The dashboard and the depth of every queue.
     *
     * @throws TaskerDaoException naming the operation when the tasker database cannot be read
     * @throws PgmqException      naming the operation when the PGMQ database cannot be read
     */
    public DlqOverview overview() {
        List<DlqReasonSummary> dashboard = tasker.dlqMonitoring().dashboard();
        List<QueueDepth> queues = pgmq.queues().metricsAll().stream().map(DlqOverviewService::depth).toList();
        return new DlqOverview(pools.mode(), dashboard, queues);
    }

    /**
     * The depth of one queue.
     *
     * @throws dev.tasker.dao.pgmq.QueueNotFoundException if the PGMQ database has no such queue
     * @throws PgmqException naming the operation when the PGMQ database cannot be read
     */
    public QueueDepth depth(String queue) {
        return depth(pgmq.queues().metrics(queue));
    }

    private static QueueDepth depth(QueueMetrics metrics) {
        return new QueueDepth(metrics.queueName(), metrics.queueLength(), metrics.visibleLength());
    }
}

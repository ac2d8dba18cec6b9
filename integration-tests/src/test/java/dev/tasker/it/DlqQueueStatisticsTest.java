package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.rows;
import static dev.tasker.it.IntegrationSupport.uniqueNamespace;
import static dev.tasker.it.IntegrationSupport.value;
import static dev.tasker.it.IntegrationSupport.workerQueue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.dlq.DlqReason;
import dev.tasker.dao.tasker.dlq.DlqReasonSummary;
import dev.tasker.dao.tasker.dlq.DlqResolutionStatus;
import dev.tasker.dao.tasker.dlq.NewDlqEntry;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The DLQ dashboard with queue statistics. The dashboard comes from the tasker database in both modes. Queue depths
 * are only right when read from the PGMQ database: the tasker database's fallback {@code pgmq_queue_length(queue)}
 * counts the queue where pgmq shares the database (single mode) and says 0 in split mode, while
 * {@link DlqOverviewService} reads them on the PGMQ pool and reports the real depths in both.
 */
class DlqQueueStatisticsTest extends IntegrationTest {

    private static final String DASHBOARD_COUNTS = "SELECT dlq_reason::text AS reason, count(*) AS total,"
            + " count(*) FILTER (WHERE resolution_status = 'pending') AS pending FROM tasker_tasks_dlq GROUP BY 1";

    @Test
    void theDashboardCountsEntriesByReasonAndStatus() throws SQLException {
        Map<String, List<Long>> before = dashboardCounts();
        UUID stale = deadLetter(DlqReason.STALENESS_TIMEOUT);
        deadLetter(DlqReason.STALENESS_TIMEOUT);
        deadLetter(DlqReason.WORKER_UNAVAILABLE);
        tasker.dlq().resolve(stale, DlqResolutionStatus.MANUALLY_RESOLVED, "integration-test", "retried by hand");

        DlqOverview overview = new DlqOverviewService(pools).overview();

        assertThat(overview.mode()).isEqualTo(mode);
        Map<String, List<Long>> after = dashboardCounts();
        assertThat(grown(before, after)).as("what this test added (total, pending) per reason").isEqualTo(Map.of(
                "staleness_timeout", List.of(2L, 1L), "worker_unavailable", List.of(1L, 1L)));
        assertThat(overview.dashboard().stream().collect(Collectors.toMap(
                summary -> summary.reason().databaseValue(),
                summary -> List.of(summary.totalEntries(), summary.pending()))))
                .as("the service's dashboard agrees with the table").isEqualTo(after);
        DlqReasonSummary staleness = overview.dashboard().stream()
                .filter(summary -> summary.reason() == DlqReason.STALENESS_TIMEOUT).findFirst().orElseThrow();
        assertThat(staleness.manuallyResolved()).isEqualTo(value(taskerDb, "SELECT count(*) FROM tasker_tasks_dlq"
                + " WHERE dlq_reason = 'staleness_timeout' AND resolution_status = 'manually_resolved'"));
    }

    @Test
    void theServiceReportsRealQueueDepthsWhereTheTaskerFallbackCannot() throws SQLException {
        String busy = workerQueue(uniqueNamespace());
        String halfRead = workerQueue(uniqueNamespace());
        pgmq.queues().create(busy);
        pgmq.queues().create(halfRead);
        pgmq.sender().sendBatch(busy, List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        pgmq.sender().sendBatch(halfRead, List.of(Map.of("n", 1), Map.of("n", 2)));
        assertThat(pgmq.reader().read(halfRead, 30, 1)).hasSize(1);

        DlqOverviewService service = new DlqOverviewService(pools);
        DlqOverview overview = service.overview();

        assertThat(overview.queue(busy)).contains(new QueueDepth(busy, 3, 3));
        assertThat(overview.queue(halfRead)).as("one message hidden by a read")
                .contains(new QueueDepth(halfRead, 2, 1));
        assertThat(service.depth(busy)).isEqualTo(new QueueDepth(busy, 3, 3));
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + busy)).as("the real depth").isEqualTo(3L);
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.q_" + halfRead)).isEqualTo(2L);

        assertThat(value(taskerDb, "SELECT pgmq_available()")).isEqualTo(!split());
        assertThat(value(taskerDb, "SELECT pgmq_queue_length(?)", busy))
                .as("the tasker database's fallback: the real depth only where pgmq shares it")
                .isEqualTo(split() ? 0L : 3L);
        assertThat(value(taskerDb, "SELECT pgmq_queue_length(?)", halfRead)).isEqualTo(split() ? 0L : 2L);
    }

    /** A fresh task put into the DLQ for {@code reason}; the entry's uuid. */
    private UUID deadLetter(DlqReason reason) {
        String namespace = uniqueNamespace();
        Diamond diamond = Diamond.create(tasker, namespace);
        return tasker.dlq().create(new NewDlqEntry(diamond.taskUuid(), namespace, "diamond",
                TaskState.PENDING, 90, 60, reason)).orElseThrow();
    }

    /** Reason → [total, pending], counted with plain SQL on the tasker database. */
    private Map<String, List<Long>> dashboardCounts() throws SQLException {
        return rows(taskerDb, DASHBOARD_COUNTS).stream().collect(Collectors.toMap(row -> (String) row.get("reason"),
                row -> List.of((Long) row.get("total"), (Long) row.get("pending"))));
    }

    /** Per reason, how much {@code after} grew over {@code before}; reasons that did not change are left out. */
    private static Map<String, List<Long>> grown(Map<String, List<Long>> before, Map<String, List<Long>> after) {
        Map<String, List<Long>> grown = new HashMap<>();
        after.forEach((reason, counts) -> {
            List<Long> was = before.getOrDefault(reason, List.of(0L, 0L));
            List<Long> delta = List.of(counts.get(0) - was.get(0), counts.get(1) - was.get(1));
            if (!delta.equals(List.of(0L, 0L))) {
                grown.put(reason, delta);
            }
        });
        return grown;
    }
}

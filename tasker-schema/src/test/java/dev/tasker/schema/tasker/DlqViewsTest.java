package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** v_dlq_investigation_queue and v_dlq_dashboard (§4.4, §4.5). Both read the whole DLQ table: truncates. */
class DlqViewsTest extends TaskerSchemaTest {

    private OpsData ops;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
    }

    /**
     * A DLQ entry (through create_dlq_entry, for a new task) with {@code reason}, {@code status}, put
     * {@code minutesAgo} into the past; resolved entries get a resolution {@code resolvedAfterMinutes} later.
     */
    private UUID entry(String reason, String status, double minutesAgo, Double resolvedAfterMinutes)
            throws SQLException {
        OpsData.TemplateTask task = ops.newTaskIn("waiting_for_retry");
        UUID entry = (UUID) value("SELECT create_dlq_entry(?, ?, ?, 'waiting_for_retry', 42, 30, ?)",
                task.taskUuid(), task.namespaceName(), task.taskName(), reason);
        execute("UPDATE tasker_tasks_dlq SET resolution_status = ?::text::dlq_resolution_status,"
                + " dlq_timestamp = now() - make_interval(secs => ?),"
                + " resolution_timestamp = now() - make_interval(secs => ?) + make_interval(secs => ?)"
                + " WHERE dlq_entry_uuid = ?", status, minutesAgo * 60, minutesAgo * 60,
                resolvedAfterMinutes == null ? null : resolvedAfterMinutes * 60, entry);
        return entry;
    }

    private UUID pending(String reason, double minutesAgo) throws SQLException {
        return entry(reason, "pending", minutesAgo, null);
    }

    @Test
    @DisplayName("queue: only pending entries are listed")
    void queueListsPendingOnly() throws SQLException {
        UUID open = pending("staleness_timeout", 5);
        entry("staleness_timeout", "manually_resolved", 5, 1.0);
        entry("staleness_timeout", "permanently_failed", 5, 1.0);
        entry("staleness_timeout", "cancelled", 5, 1.0);

        assertThat(rows("SELECT dlq_entry_uuid FROM v_dlq_investigation_queue"))
                .extracting(row -> row.get("dlq_entry_uuid")).containsExactly(open);
    }

    @Test
    @DisplayName("queue: priority_score = reason weight (1000/500/100/50/10) + minutes in the DLQ")
    void queueReasonWeights() throws SQLException {
        Map<String, Integer> weights = Map.of("dependency_cycle_detected", 1000, "max_retries_exceeded", 500,
                "staleness_timeout", 100, "worker_unavailable", 50, "manual_dlq", 10);
        for (String reason : weights.keySet()) {
            pending(reason, 10);
        }

        List<Map<String, Object>> queue = rows("SELECT dlq_reason::text AS reason, minutes_in_dlq, priority_score"
                + " FROM v_dlq_investigation_queue");

        assertThat(queue).hasSize(5).allSatisfy(row -> {
            BigDecimal inDlq = (BigDecimal) row.get("minutes_in_dlq");
            assertThat(inDlq).isBetween(new BigDecimal("10"), new BigDecimal("11"));
            assertThat(((BigDecimal) row.get("priority_score")).subtract(inDlq))
                    .isEqualByComparingTo(BigDecimal.valueOf(weights.get((String) row.get("reason"))));
        });
    }

    @Test
    @DisplayName("queue: ordered by priority_score descending, so age can outweigh the reason")
    void queueOrder() throws SQLException {
        UUID cycle = pending("dependency_cycle_detected", 1);
        UUID oldStale = pending("staleness_timeout", 2000);
        UUID retries = pending("max_retries_exceeded", 1);
        UUID manual = pending("manual_dlq", 1);

        assertThat(rows("SELECT dlq_entry_uuid FROM v_dlq_investigation_queue"))
                .extracting(row -> row.get("dlq_entry_uuid")).containsExactly(oldStale, cycle, retries, manual);
    }

    @Test
    @DisplayName("queue: namespace, task name and state come from the snapshot, time in state from the metadata")
    void queueSnapshotFields() throws SQLException {
        OpsData.TemplateTask task = ops.newTaskIn("steps_in_process");
        UUID entry = (UUID) value("SELECT create_dlq_entry(?, ?, ?, 'steps_in_process', 77, 30, 'worker_unavailable')",
                task.taskUuid(), task.namespaceName(), task.taskName());

        assertThat(row("SELECT * FROM v_dlq_investigation_queue"))
                .containsEntry("dlq_entry_uuid", entry).containsEntry("task_uuid", task.taskUuid())
                .containsEntry("original_state", "steps_in_process")
                .containsEntry("namespace_name", task.namespaceName()).containsEntry("task_name", task.taskName())
                .containsEntry("current_state", "steps_in_process").containsEntry("time_in_state_minutes", 77);
    }

    @Test
    @DisplayName("dashboard: one row per reason with counts per resolution status")
    void dashboardCounts() throws SQLException {
        pending("staleness_timeout", 1);
        pending("staleness_timeout", 1);
        entry("staleness_timeout", "manually_resolved", 1, 0.5);
        entry("staleness_timeout", "permanently_failed", 1, 0.5);
        entry("staleness_timeout", "cancelled", 1, 0.5);
        entry("staleness_timeout", "cancelled", 1, 0.5);
        pending("manual_dlq", 1);

        List<Map<String, Object>> dashboard = rows("SELECT dlq_reason::text AS reason, total_entries, pending,"
                + " manually_resolved, permanent_failures, cancelled FROM v_dlq_dashboard ORDER BY 1");

        assertThat(dashboard).containsExactly(
                Map.of("reason", "manual_dlq", "total_entries", 1L, "pending", 1L, "manually_resolved", 0L,
                        "permanent_failures", 0L, "cancelled", 0L),
                Map.of("reason", "staleness_timeout", "total_entries", 6L, "pending", 2L, "manually_resolved", 1L,
                        "permanent_failures", 1L, "cancelled", 2L));
    }

    @Test
    @DisplayName("dashboard: oldest and newest entry are the earliest and latest dlq_timestamp of the reason")
    void dashboardOldestNewest() throws SQLException {
        UUID oldest = pending("max_retries_exceeded", 300);
        pending("max_retries_exceeded", 200);
        UUID newest = entry("max_retries_exceeded", "cancelled", 100, 1.0);
        pending("worker_unavailable", 5000);

        Map<String, Object> dashboard = row("SELECT oldest_entry, newest_entry FROM v_dlq_dashboard"
                + " WHERE dlq_reason = 'max_retries_exceeded'");

        assertThat(dashboard.get("oldest_entry"))
                .isEqualTo(value("SELECT dlq_timestamp FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", oldest));
        assertThat(dashboard.get("newest_entry"))
                .isEqualTo(value("SELECT dlq_timestamp FROM tasker_tasks_dlq WHERE dlq_entry_uuid = ?", newest));
    }

    @Test
    @DisplayName("dashboard: average resolution minutes over resolved entries")
    void dashboardAverageOfResolved() throws SQLException {
        entry("dependency_cycle_detected", "manually_resolved", 500, 30.0);
        entry("dependency_cycle_detected", "permanently_failed", 400, 90.0);

        assertThat((BigDecimal) value("SELECT avg_resolution_time_minutes FROM v_dlq_dashboard"))
                .isEqualByComparingTo("60");
    }

    @Test
    @DisplayName("dashboard: pending entries count their time so far (now - dlq_timestamp) in the average")
    void dashboardAverageIncludesPending() throws SQLException {
        entry("worker_unavailable", "manually_resolved", 500, 60.0);
        pending("worker_unavailable", 120);

        assertThat((BigDecimal) value("SELECT avg_resolution_time_minutes FROM v_dlq_dashboard"))
                .isBetween(new BigDecimal("90"), new BigDecimal("90.5"));
    }

    @Test
    @DisplayName("dashboard: reasons without entries have no row")
    void dashboardOnlyReasonsInUse() throws SQLException {
        pending("worker_unavailable", 1);

        assertThat(rows("SELECT dlq_reason::text AS reason FROM v_dlq_dashboard"))
                .extracting(row -> row.get("reason")).containsExactly("worker_unavailable");
    }
}

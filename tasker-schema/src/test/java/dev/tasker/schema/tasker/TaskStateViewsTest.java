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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** v_task_state_analysis and v_task_staleness_monitoring (§4.2, §4.3); rows filtered to this test's tasks. */
class TaskStateViewsTest extends TaskerSchemaTest {

    private static final String ANALYSIS = "SELECT * FROM v_task_state_analysis WHERE task_uuid = ?";
    private static final String MONITORING = "SELECT * FROM v_task_staleness_monitoring WHERE task_uuid = ?";

    private OpsData ops;

    @BeforeEach
    void data() {
        ops = new OpsData(db, fixtures);
    }

    private static BigDecimal minutes(Object value) {
        return (BigDecimal) value;
    }

    @Test
    @DisplayName("analysis: an unfinished task with its template, namespace and current transition")
    void analysisColumns() throws SQLException {
        OpsData.TemplateTask task = ops.newTemplateTask("{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 5}}");
        ops.fixtures().taskTransition(task.taskUuid(), "pending");
        UUID current = ops.fixtures().taskTransition(task.taskUuid(), "initializing");
        execute("UPDATE tasker_tasks SET priority = 4 WHERE task_uuid = ?", task.taskUuid());

        Map<String, Object> analysed = row(ANALYSIS, task.taskUuid());
        Map<String, Object> expected = row("""
                SELECT t.correlation_id, tt.created_at AS state_entered_at, nt.configuration::text AS config
                FROM tasker_tasks t JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
                JOIN tasker_task_transitions tt ON tt.task_transition_uuid = ?
                WHERE t.task_uuid = ?""", current, task.taskUuid());

        assertThat(analysed).containsEntry("correlation_id", expected.get("correlation_id"))
                .containsEntry("namespace_name", task.namespaceName())
                .containsEntry("namespace_uuid", task.namespaceUuid())
                .containsEntry("task_name", task.taskName()).containsEntry("named_task_uuid", task.namedTaskUuid())
                .containsEntry("current_state", "initializing")
                .containsEntry("state_entered_at", expected.get("state_entered_at"))
                .containsEntry("priority", 4).containsEntry("complete", false);
        assertThat(analysed.get("template_config")).hasToString((String) expected.get("config"));
    }

    @Test
    @DisplayName("analysis: a task without a current transition is absent (inner join)")
    void analysisNeedsCurrentTransition() throws SQLException {
        UUID bare = ops.newTemplateTask(null).taskUuid();

        assertThat(rows(ANALYSIS, bare)).isEmpty();
    }

    @Test
    @DisplayName("analysis: complete tasks are absent")
    void analysisOnlyIncompleteTasks() throws SQLException {
        UUID done = ops.newTaskIn("pending", "initializing", "complete").taskUuid();
        execute("UPDATE tasker_tasks SET complete = true WHERE task_uuid = ?", done);

        assertThat(rows(ANALYSIS, done)).isEmpty();
    }

    @Test
    @DisplayName("analysis: time in state counts from the current transition's created_at, in fractional minutes")
    void analysisTimeInState() throws SQLException {
        UUID task = ops.newTaskIn("pending", "waiting_for_dependencies").taskUuid();
        execute("UPDATE tasker_task_transitions SET created_at = created_at - interval '1 day'"
                + " WHERE task_uuid = ? AND NOT most_recent", task);
        ops.currentTaskStateEnteredMinutesAgo(task, 90.5);

        assertThat(minutes(row(ANALYSIS, task).get("time_in_state_minutes")))
                .isBetween(new BigDecimal("90.5"), new BigDecimal("91.5"));
    }

    @Test
    @DisplayName("analysis: task age counts from tasker_tasks.created_at, not from requested_at")
    void analysisTaskAgeFromCreatedAt() throws SQLException {
        UUID task = ops.newTaskIn("pending").taskUuid();
        ops.taskCreatedMinutesAgo(task, 120);
        execute("UPDATE tasker_tasks SET requested_at = now() - interval '10 minutes' WHERE task_uuid = ?", task);

        assertThat(minutes(row(ANALYSIS, task).get("task_age_minutes")))
                .isBetween(new BigDecimal("120"), new BigDecimal("121"));
    }

    @Test
    @DisplayName("monitoring: only the three stale-able states are listed")
    void monitoringOnlyStaleableStates() throws SQLException {
        List<UUID> listed = List.of(ops.newTaskIn("waiting_for_dependencies").taskUuid(),
                ops.newTaskIn("waiting_for_retry").taskUuid(), ops.newTaskIn("steps_in_process").taskUuid());
        List<UUID> unlisted = List.of(ops.newTaskIn("pending").taskUuid(),
                ops.newTaskIn("pending", "initializing").taskUuid(),
                ops.newTaskIn("pending", "initializing", "enqueuing_steps").taskUuid(),
                ops.newTaskIn("evaluating_results").taskUuid(), ops.newTaskIn("blocked_by_failures").taskUuid(),
                ops.newTaskIn("error").taskUuid());

        for (UUID task : listed) {
            assertThat(rows(MONITORING, task)).hasSize(1);
        }
        for (UUID task : unlisted) {
            assertThat(rows(MONITORING, task)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} for {1} min -> {2} (threshold {3})")
    @CsvSource({
        "waiting_for_dependencies, 47, healthy, 60",
        "waiting_for_dependencies, 48.5, warning, 60",
        "waiting_for_dependencies, 60.5, stale, 60",
        "waiting_for_retry, 23, healthy, 30",
        "waiting_for_retry, 24.5, warning, 30",
        "waiting_for_retry, 30.5, stale, 30",
        "steps_in_process, 23, healthy, 30",
        "steps_in_process, 24.5, warning, 30",
        "steps_in_process, 30.5, stale, 30"})
    @DisplayName("monitoring: healthy below 80 % of the threshold, warning from 80 %, stale from 100 %")
    void monitoringHealthStatus(String state, double minutesInState, String health, int threshold)
            throws SQLException {
        UUID task = ops.newTaskIn(state).taskUuid();
        ops.currentTaskStateEnteredMinutesAgo(task, minutesInState);

        assertThat(row(MONITORING, task)).containsEntry("health_status", health)
                .containsEntry("staleness_threshold_minutes", threshold);
    }

    @Test
    @DisplayName("monitoring: exactly at the threshold is stale, exactly at 80 % of it is warning (>=, not >)")
    void monitoringBoundsAreInclusive() throws SQLException {
        UUID atThreshold = ops.newTaskIn("waiting_for_retry").taskUuid();
        UUID atEightyPercent = ops.newTaskIn("waiting_for_retry").taskUuid();
        db.setAutoCommit(false); // one transaction, one now(): the minutes in state are exactly 30 and 24
        try {
            ops.currentTaskStateEnteredMinutesAgo(atThreshold, 30);
            ops.currentTaskStateEnteredMinutesAgo(atEightyPercent, 24);

            Map<String, Object> stale = row(MONITORING, atThreshold);
            assertThat(minutes(stale.get("time_in_state_minutes"))).isEqualByComparingTo("30");
            assertThat(stale).containsEntry("staleness_threshold_minutes", 30).containsEntry("health_status", "stale");
            Map<String, Object> warning = row(MONITORING, atEightyPercent);
            assertThat(minutes(warning.get("time_in_state_minutes"))).isEqualByComparingTo("24");
            assertThat(warning).containsEntry("health_status", "warning");
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    @Test
    @DisplayName("monitoring: the template's lifecycle override sets the threshold and the health status")
    void monitoringHonoursLifecycleOverride() throws SQLException {
        OpsData.TemplateTask task = ops.newTemplateTask(
                "{\"lifecycle\": {\"max_steps_in_process_minutes\": 10}}");
        ops.fixtures().taskTransition(task.taskUuid(), "steps_in_process");
        ops.currentTaskStateEnteredMinutesAgo(task.taskUuid(), 12);

        assertThat(row(MONITORING, task.taskUuid())).containsEntry("staleness_threshold_minutes", 10)
                .containsEntry("health_status", "stale");
    }

    @Test
    @DisplayName("monitoring: names, minutes and priority come from the analysis; health_status precedes priority")
    void monitoringColumns() throws SQLException {
        OpsData.TemplateTask task = ops.newTaskIn("waiting_for_retry");
        execute("UPDATE tasker_tasks SET priority = 9 WHERE task_uuid = ?", task.taskUuid());

        Map<String, Object> monitored = row(MONITORING, task.taskUuid());

        assertThat(monitored.keySet()).containsExactly("task_uuid", "namespace_name", "task_name", "current_state",
                "time_in_state_minutes", "task_age_minutes", "staleness_threshold_minutes", "health_status",
                "priority");
        assertThat(monitored).containsEntry("namespace_name", task.namespaceName())
                .containsEntry("task_name", task.taskName()).containsEntry("current_state", "waiting_for_retry")
                .containsEntry("priority", 9);
    }
}

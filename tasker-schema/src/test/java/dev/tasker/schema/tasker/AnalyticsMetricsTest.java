package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** get_analytics_metrics(since_timestamp): the formulas of tasker-schema.md §6.11. Whole database: truncates. */
class AnalyticsMetricsTest extends TaskerSchemaTest {

    private static final String METRICS = "SELECT * FROM get_analytics_metrics()";
    private static final String METRICS_SINCE =
            "SELECT * FROM get_analytics_metrics(now() - make_interval(secs => ?))";

    private OpsData ops;
    private UUID namedTask;
    private UUID namedStep;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
        namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")), TaskerFixtures.unique("task"),
                null);
        namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")),
                TaskerFixtures.unique("step"));
    }

    /** A task created {@code minutesAgo}, with one step per entry of {@code stepStates} (null: no transition). */
    private TaskSteps task(double minutesAgo, String... stepStates) throws SQLException {
        UUID task = fixtures.task(namedTask, 0);
        ops.taskCreatedMinutesAgo(task, minutesAgo);
        List<UUID> steps = new ArrayList<>();
        for (String state : stepStates) {
            UUID step = fixtures.step(task, namedStep);
            if (state != null) {
                fixtures.stepTransition(step, state);
            }
            steps.add(step);
        }
        return new TaskSteps(task, steps);
    }

    private record TaskSteps(UUID task, List<UUID> steps) {
    }

    private static BigDecimal decimal(Object value) {
        return (BigDecimal) value;
    }

    @Test
    @DisplayName("active_tasks_count: all-time tasks with a step whose current state is not complete/error/"
            + "skipped/resolved_manually (cancelled counts as active; steps without a transition are not seen)")
    void activeTasks() throws SQLException {
        task(1, "in_progress", "complete");
        task(1, "complete", "error");
        task(1, "cancelled");
        task(1, (String) null);
        task(1, "resolved_manually");
        task(1);
        task(3 * 24 * 60, "pending");

        assertThat(row(METRICS).get("active_tasks_count")).isEqualTo(3L);
    }

    @Test
    @DisplayName("total_namespaces_count and unique_task_types_count: distinct names that have tasks")
    void namespacesAndTaskTypes() throws SQLException {
        String sharedName = TaskerFixtures.unique("alpha");
        UUID first = fixtures.namespace(TaskerFixtures.unique("ns"));
        UUID second = fixtures.namespace(TaskerFixtures.unique("ns"));
        UUID v1 = fixtures.namedTask(first, sharedName, null);
        UUID v2 = fixtures.namedTask(first, sharedName + "_tmp", null);
        execute("UPDATE tasker_named_tasks SET name = ?, version = '2.0.0' WHERE named_task_uuid = ?", sharedName, v2);
        UUID elsewhere = fixtures.namedTask(second, sharedName, null);
        fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")), TaskerFixtures.unique("unused"), null);
        fixtures.task(v1, 0);
        fixtures.task(v2, 0);
        fixtures.task(elsewhere, 0);
        fixtures.task(elsewhere, 0);

        Map<String, Object> metrics = row(METRICS);

        assertThat(metrics.get("total_namespaces_count")).isEqualTo(2L);
        assertThat(metrics.get("unique_task_types_count")).isEqualTo(1L);
    }

    @Test
    @DisplayName("system_health_score: C / (C + E) over tasks of the last hour with a complete / an error step")
    void healthScore() throws SQLException {
        task(5, "complete");
        task(5, "complete", "in_progress");
        task(5, "error");
        task(5, "complete", "error");
        task(5, "pending");
        task(120, "error");

        assertThat(decimal(row(METRICS).get("system_health_score"))).isEqualByComparingTo("0.600");
    }

    @Test
    @DisplayName("system_health_score ignores since_timestamp: always the last hour")
    void healthScoreIgnoresSince() throws SQLException {
        task(5, "complete");
        task(120, "error");

        assertThat(decimal(row(METRICS_SINCE, 3 * 3600.0).get("system_health_score"))).isEqualByComparingTo("1");
        assertThat(row(METRICS_SINCE, 3 * 3600.0).get("error_count")).isEqualTo(1L);
    }

    @Test
    @DisplayName("system_health_score is 1.0 when no recent task has a complete or error step")
    void healthScoreWithoutOutcomes() throws SQLException {
        task(5, "in_progress");

        assertThat(decimal(row(METRICS).get("system_health_score"))).isEqualByComparingTo("1.0");
    }

    @Test
    @DisplayName("throughput, completion/error counts and rates (in %, 2 decimals) cover the tasks created after W")
    void windowCountsAndRates() throws SQLException {
        task(30, "complete");
        task(30, "error");
        task(30);
        task(90, "complete", "error");
        task(90, "error");
        task(90, "pending");
        task(180, "complete");

        Map<String, Object> metrics = row(METRICS_SINCE, 2 * 3600.0);

        assertThat(metrics).containsEntry("task_throughput", 6L).containsEntry("completion_count", 2L)
                .containsEntry("error_count", 3L);
        assertThat(decimal(metrics.get("completion_rate"))).isEqualByComparingTo("33.33");
        assertThat(decimal(metrics.get("error_rate"))).isEqualByComparingTo("50.00");
    }

    @Test
    @DisplayName("the default window W is the last hour")
    void defaultWindowIsOneHour() throws SQLException {
        task(30, "complete");
        task(90, "complete");

        Map<String, Object> metrics = row("SELECT m.*, m.analysis_period_start = now() - interval '1 hour' AS w,"
                + " m.calculated_at = now() AS calculated_now FROM get_analytics_metrics() m");

        assertThat(metrics).containsEntry("task_throughput", 1L).containsEntry("completion_count", 1L)
                .containsEntry("w", true).containsEntry("calculated_now", true);
    }

    @Test
    @DisplayName("analysis_period_start is since_timestamp when given")
    void periodStartIsSince() throws SQLException {
        Timestamp since = Timestamp.valueOf("2025-06-01 12:00:00");

        Map<String, Object> metrics = row("SELECT analysis_period_start = ?::timestamptz AS same"
                + " FROM get_analytics_metrics(?::timestamptz)", since, since);

        assertThat(metrics).containsEntry("same", true);
    }

    @Test
    @DisplayName("rates are 0.0 when no task was created in the window")
    void ratesWithoutTasks() throws SQLException {
        task(180, "complete");

        Map<String, Object> metrics = row(METRICS);

        assertThat(metrics).containsEntry("task_throughput", 0L).containsEntry("step_throughput", 0L);
        assertThat(decimal(metrics.get("completion_rate"))).isEqualByComparingTo("0");
        assertThat(decimal(metrics.get("error_rate"))).isEqualByComparingTo("0");
        assertThat(decimal(metrics.get("avg_task_duration"))).isEqualByComparingTo("0");
        assertThat(decimal(metrics.get("avg_step_duration"))).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("avg_task_duration / avg_step_duration: seconds from task / step creation to the complete"
            + " transition, averaged over completed steps, 3 decimals")
    void durations() throws SQLException {
        TaskSteps timed = task(10, "complete", "complete", "error");
        ops.stepCreatedSecondsAfterTask(timed.steps().get(0), 4);
        ops.currentStepStateEnteredSecondsAfterTask(timed.steps().get(0), 10);
        ops.stepCreatedSecondsAfterTask(timed.steps().get(1), 8.5);
        ops.currentStepStateEnteredSecondsAfterTask(timed.steps().get(1), 21.25);
        ops.currentStepStateEnteredSecondsAfterTask(timed.steps().get(2), 500);
        TaskSteps single = task(20, "complete");
        ops.stepCreatedSecondsAfterTask(single.steps().get(0), 1);
        ops.currentStepStateEnteredSecondsAfterTask(single.steps().get(0), 3);
        TaskSteps outside = task(300, "complete");
        ops.currentStepStateEnteredSecondsAfterTask(outside.steps().get(0), 9000);

        Map<String, Object> metrics = row(METRICS);

        // task: (10 + 21.25 + 3) / 3 = 11.41666 -> 11.417; step: (6 + 12.75 + 2) / 3 = 6.91666 -> 6.917
        assertThat(decimal(metrics.get("avg_task_duration"))).isEqualByComparingTo("11.417");
        assertThat(decimal(metrics.get("avg_step_duration"))).isEqualByComparingTo("6.917");
    }

    @Test
    @DisplayName("step_throughput: distinct steps of the window's tasks, in any state or none")
    void stepThroughput() throws SQLException {
        task(10, "complete", null, "pending");
        task(20, "error");
        task(300, "complete", "complete");

        assertThat(row(METRICS).get("step_throughput")).isEqualTo(4L);
    }
}

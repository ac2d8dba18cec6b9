package dev.tasker.dao.tasker.analytics;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowMatches;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskState;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AnalyticsDao} over a database holding only the arranged tasks. */
class AnalyticsDaoTest extends TaskerDaoTest {

    private WorkflowData first;
    private WorkflowData second;
    private UUID slowStep;
    private UUID quickStep;
    private UUID slowTask;
    private UUID quickTask;

    @BeforeAll
    void arrange() throws SQLException {
        fixtures.truncateAll();
        first = new WorkflowData(db, fixtures, null);
        second = new WorkflowData(db, fixtures, null);
        slowTask = first.task(0, "pending", "initializing", "steps_in_process");
        slowStep = first.step(slowTask, "pending", "enqueued", "in_progress", "complete");
        UUID failed = first.step(slowTask, "pending", "enqueued", "in_progress", "error");
        UUID otherTask = first.task(0, "pending", "initializing", "steps_in_process", "evaluating_results",
                "complete");
        first.step(otherTask, "pending");
        quickTask = second.task(0, "pending", "error");
        quickStep = second.step(quickTask, "pending", "enqueued", "in_progress", "complete");
        second.task(0);
        stepTiming(slowStep, 10, 40.5);
        stepTiming(failed, 0, 50);
        stepTiming(quickStep, 1, 6);
    }

    /** The step was created {@code createdAfter} s and reached its current state {@code doneAfter} s after its task. */
    private void stepTiming(UUID step, double createdAfter, double doneAfter) throws SQLException {
        first.execute("UPDATE tasker_workflow_steps ws SET created_at = t.created_at + make_interval(secs => ?)"
                + " FROM tasker_tasks t WHERE t.task_uuid = ws.task_uuid AND ws.workflow_step_uuid = ?",
                createdAfter, step);
        first.execute("UPDATE tasker_workflow_step_transitions wst SET created_at = t.created_at"
                + " + make_interval(secs => ?) FROM tasker_workflow_steps ws JOIN tasker_tasks t USING (task_uuid)"
                + " WHERE ws.workflow_step_uuid = wst.workflow_step_uuid AND wst.most_recent"
                + " AND wst.workflow_step_uuid = ?", doneAfter, step);
    }

    private Map<String, Long> currentStates(String table) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        rows("SELECT to_state, count(*) AS n FROM " + table + " WHERE most_recent GROUP BY to_state")
                .forEach(row -> counts.put((String) row.get("to_state"), (Long) row.get("n")));
        return counts;
    }

    @Test
    void healthCountsCountCurrentStatesIndependentlyRecounted() throws SQLException {
        SystemHealthCounts counts = dao.analytics().systemHealthCounts();

        Map<String, Long> tasks = currentStates("tasker_task_transitions");
        Map<String, Long> steps = currentStates("tasker_workflow_step_transitions");
        for (TaskState state : TaskState.values()) {
            assertThat(counts.tasksIn(state)).as(state.databaseValue())
                    .isEqualTo(tasks.getOrDefault(state.databaseValue(), 0L));
        }
        for (StepState state : StepState.values()) {
            assertThat(counts.stepsIn(state)).as(state.databaseValue())
                    .isEqualTo(steps.getOrDefault(state.databaseValue(), 0L));
        }
        assertThat(counts.totalTasks()).isEqualTo(value("SELECT count(*) FROM tasker_tasks")).isEqualTo(4L);
        assertThat(counts.totalSteps()).isEqualTo(value("SELECT count(*) FROM tasker_workflow_steps")).isEqualTo(4L);
        assertThat(counts.tasksIn(TaskState.STEPS_IN_PROCESS)).isEqualTo(1);
        assertThat(counts.stepsIn(StepState.COMPLETE)).isEqualTo(2);
        assertThat(counts.taskCounts()).hasSize(TaskState.values().length);
        assertThat(counts.stepCounts()).hasSize(StepState.values().length);

        Map<String, Object> raw = row("SELECT * FROM get_system_health_counts()");
        counts.taskCounts().forEach((state, n) -> assertThat(raw).containsEntry(state.databaseValue() + "_tasks", n));
        counts.stepCounts().forEach((state, n) -> assertThat(raw).containsEntry(state.databaseValue() + "_steps", n));
        assertThat(raw).containsEntry("total_tasks", counts.totalTasks())
                .containsEntry("total_steps", counts.totalSteps()).hasSize(24);
    }

    @Test
    void metricsAreTypedWithAndWithoutAWindow() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            AnalyticsMetrics lastHour = snapshot.dao().analytics().metrics();
            assertRowMatches(lastHour, snapshot.rows("SELECT * FROM get_analytics_metrics()").getFirst());
            OffsetDateTime since = OffsetDateTime.now().minusHours(2).truncatedTo(ChronoUnit.MICROS);
            AnalyticsMetrics windowed = snapshot.dao().analytics().metrics(since);
            assertRowMatches(windowed, snapshot.rows("SELECT * FROM get_analytics_metrics(?)", since).getFirst());
            assertThat(windowed.analysisPeriodStart().toInstant()).isEqualTo(since.toInstant());
            assertThat(lastHour.taskThroughput()).isEqualTo(4);
            assertThat(lastHour.stepThroughput()).isEqualTo(4);
            assertThat(lastHour.completionCount()).isEqualTo(2);
            assertThat(lastHour.errorCount()).isEqualTo(1);
            assertThat(lastHour.completionRate()).isEqualByComparingTo(new BigDecimal("50.00"));
            assertThat(lastHour.totalNamespacesCount()).isEqualTo(2);
        }
    }

    @Test
    void slowestStepsAreTypedAndFiltered() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            assertRowsMatch(snapshot.dao().analytics().slowestSteps(SlowestQuery.lastDay(10)),
                    snapshot.rows("SELECT * FROM get_slowest_steps()"));
        }
        var steps = dao.analytics().slowestSteps(SlowestQuery.lastDay(10));
        assertThat(steps).extracting(SlowStep::workflowStepUuid).containsExactly(slowStep, quickStep);
        SlowStep slowest = steps.getFirst();
        assertThat(slowest.durationSeconds()).isEqualByComparingTo(new BigDecimal("30.500"));
        assertThat(slowest.namespaceName()).isEqualTo(first.namespaceName);
        assertThat(slowest.taskName()).isEqualTo(first.taskName);
        assertThat(slowest.version()).isEqualTo("1.0.0");
        assertThat(slowest.stepStatus()).isEqualTo("complete");
        assertThat(slowest.attempts()).as("attempts NULL as stored").isEmpty();
        assertThat(slowest.retryable()).isTrue();

        assertThat(dao.analytics().slowestSteps(SlowestQuery.lastDay(10).withNamespace(second.namespaceName)))
                .extracting(SlowStep::workflowStepUuid).containsExactly(quickStep);
        assertThat(dao.analytics().slowestSteps(SlowestQuery.lastDay(10).withTaskName(first.taskName)))
                .extracting(SlowStep::workflowStepUuid).containsExactly(slowStep);
        assertThat(dao.analytics().slowestSteps(SlowestQuery.lastDay(10).withVersion("2.0.0"))).isEmpty();
        assertThat(dao.analytics().slowestSteps(SlowestQuery.lastDay(1))).hasSize(1);
        assertThat(dao.analytics().slowestSteps(SlowestQuery.lastDay(10)
                .withSince(OffsetDateTime.now().plusHours(1)))).isEmpty();
    }

    @Test
    void slowestTasksAreTypedAndFiltered() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            assertRowsMatch(snapshot.dao().analytics().slowestTasks(SlowestQuery.lastDay(10)),
                    snapshot.rows("SELECT * FROM get_slowest_tasks()"));
        }
        var tasks = dao.analytics().slowestTasks(SlowestQuery.lastDay(10));
        assertThat(tasks).extracting(SlowTask::taskUuid).containsExactly(slowTask, quickTask);
        SlowTask slowest = tasks.getFirst();
        assertThat(slowest.durationSeconds()).as("until the failed step, 50 s").isEqualByComparingTo("50.000");
        assertThat(slowest.stepCount()).isEqualTo(2);
        assertThat(slowest.completedSteps()).isEqualTo(1);
        assertThat(slowest.errorSteps()).isEqualTo(1);
        assertThat(slowest.initiator()).isEmpty();
        assertThat(dao.analytics().slowestTasks(SlowestQuery.lastDay(10).withNamespace(second.namespaceName)
                .withTaskName(second.taskName).withVersion("1.0.0"))).extracting(SlowTask::taskUuid)
                .containsExactly(quickTask);
    }

    @Test
    void eachCallIsOneStatement() {
        StatementCounter counter = new StatementCounter(dataSource);
        AnalyticsDao counted = TaskerDataAccess.using(counter.dsl()).analytics();
        counted.systemHealthCounts();
        counted.metrics();
        counted.slowestSteps(SlowestQuery.lastDay(5));
        counted.slowestTasks(SlowestQuery.lastDay(5));
        assertThat(counter.count()).isEqualTo(4);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> SlowestQuery.lastDay(-1), "limit");
        assertInvalid(() -> SlowestQuery.lastDay(1).withNamespace(" "), "namespaceName");
        assertInvalid(() -> SlowestQuery.lastDay(1).withSince(null), "since");
        assertInvalid(() -> dao.analytics().metrics(null), "since");
        assertInvalid(() -> dao.analytics().slowestSteps(null), "query");
        assertInvalid(() -> dao.analytics().slowestTasks(null), "query");
    }
}

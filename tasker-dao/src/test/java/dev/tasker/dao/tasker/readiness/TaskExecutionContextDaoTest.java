package dev.tasker.dao.tasker.readiness;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.TaskState;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TaskExecutionContextDao}: the three derived vocabularies as enums, every column, batch = singles. */
class TaskExecutionContextDaoTest extends TaskerDaoTest {

    private UUID blocked;
    private UUID halfDone;
    private UUID processing;
    private UUID done;
    private UUID empty;
    private UUID recovering;
    private UUID enqueuedOnly;

    @BeforeAll
    void arrange() throws SQLException {
        WorkflowData data = new WorkflowData(db, fixtures, null);
        blocked = data.task(0, "pending", "initializing", "steps_in_process");
        UUID exhausted = data.step(blocked, "pending", "enqueued", "in_progress", "error");
        data.execute("UPDATE tasker_workflow_steps SET attempts = 3, max_attempts = 3 WHERE workflow_step_uuid = ?",
                exhausted);
        halfDone = data.task(0, "pending");
        data.step(halfDone, "pending", "enqueued", "in_progress", "complete");
        data.step(halfDone);
        processing = data.task(0);
        data.step(processing, "pending", "enqueued", "in_progress");
        done = data.task(0, "pending", "initializing", "steps_in_process", "evaluating_results", "complete");
        data.step(done, "pending", "enqueued", "in_progress", "complete");
        data.step(done, "pending", "enqueued", "in_progress", "resolved_manually");
        empty = data.task(0);
        recovering = data.task(0);
        UUID retryable = data.step(recovering, "pending", "enqueued", "in_progress", "error");
        data.execute("UPDATE tasker_workflow_steps SET attempts = 1 WHERE workflow_step_uuid = ?", retryable);
        enqueuedOnly = data.task(0);
        data.step(enqueuedOnly, "pending", "enqueued");
    }

    private TaskExecutionContext context(UUID task) {
        return dao.executionContexts().forTask(task).orElseThrow();
    }

    private void assertDerived(UUID task, ExecutionStatus status, RecommendedAction action, HealthStatus health) {
        TaskExecutionContext context = context(task);
        assertThat(context.executionStatus()).isEqualTo(status);
        assertThat(context.recommendedAction()).isEqualTo(action);
        assertThat(context.healthStatus()).isEqualTo(health);
    }

    @Test
    void everyColumnOfTheFunctionReachesTheRecord() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            for (UUID task : List.of(blocked, halfDone, processing, done, empty, recovering, enqueuedOnly)) {
                assertRowMatches(snapshot.dao().executionContexts().forTask(task).orElseThrow(),
                        snapshot.rows("SELECT * FROM get_task_execution_context(?)", task).getFirst());
            }
        }
    }

    @Test
    void theDerivedStringsBecomeEnums() {
        assertDerived(blocked, ExecutionStatus.BLOCKED_BY_FAILURES, RecommendedAction.HANDLE_FAILURES,
                HealthStatus.BLOCKED);
        assertDerived(halfDone, ExecutionStatus.HAS_READY_STEPS, RecommendedAction.EXECUTE_READY_STEPS,
                HealthStatus.HEALTHY);
        assertDerived(processing, ExecutionStatus.PROCESSING, RecommendedAction.WAIT_FOR_COMPLETION,
                HealthStatus.HEALTHY);
        assertDerived(done, ExecutionStatus.ALL_COMPLETE, RecommendedAction.FINALIZE_TASK, HealthStatus.HEALTHY);
        assertDerived(empty, ExecutionStatus.WAITING_FOR_DEPENDENCIES, RecommendedAction.WAIT_FOR_DEPENDENCIES,
                HealthStatus.HEALTHY);
        assertDerived(recovering, ExecutionStatus.WAITING_FOR_DEPENDENCIES, RecommendedAction.WAIT_FOR_DEPENDENCIES,
                HealthStatus.RECOVERING);
        assertDerived(enqueuedOnly, ExecutionStatus.PROCESSING, RecommendedAction.WAIT_FOR_DEPENDENCIES,
                HealthStatus.HEALTHY);
    }

    @Test
    void theCountsAndStatusCarryTheArrangedFacts() throws SQLException {
        TaskExecutionContext half = context(halfDone);
        assertThat(half.taskUuid()).isEqualTo(halfDone);
        assertThat(half.namedTaskUuid()).isEqualTo(value("SELECT named_task_uuid FROM tasker_tasks"
                + " WHERE task_uuid = ?", halfDone));
        assertThat(half.status()).isEqualTo(TaskState.PENDING);
        assertThat(half.totalSteps()).isEqualTo(2);
        assertThat(half.completedSteps()).isEqualTo(1);
        assertThat(half.pendingSteps()).isEqualTo(1);
        assertThat(half.readySteps()).isEqualTo(1);
        assertThat(half.completionPercentage()).isEqualByComparingTo(new BigDecimal("50.00"));

        assertThat(context(blocked).status()).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(context(blocked).failedSteps()).isEqualTo(1);
        assertThat(context(processing).inProgressSteps()).isEqualTo(1);
        assertThat(context(enqueuedOnly).enqueuedSteps()).isEqualTo(1);
        assertThat(context(done).status()).isEqualTo(TaskState.COMPLETE);
        assertThat(context(done).completionPercentage()).isEqualByComparingTo(new BigDecimal("100"));
        TaskExecutionContext none = context(empty);
        assertThat(none.status()).as("no transition reads as pending").isEqualTo(TaskState.PENDING);
        assertThat(none.totalSteps()).isZero();
        assertThat(none.completionPercentage()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void anUnknownTaskHasNoContext() {
        assertThat(dao.executionContexts().forTask(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aBatchIsKeyedInInputOrderEqualsTheSinglesAndIsOneRoundTrip() {
        StatementCounter counter = new StatementCounter(dataSource);
        TaskExecutionContextDao counted = TaskerDataAccess.using(counter.dsl()).executionContexts();
        List<UUID> asked = List.of(done, UUID.randomUUID(), blocked, halfDone, done, empty);

        Map<UUID, TaskExecutionContext> batch = counted.forTasks(asked);

        assertThat(counter.count()).isEqualTo(1);
        assertThat(batch.keySet()).as("unknown absent, a repeated uuid once").containsExactly(done, blocked,
                halfDone, empty);
        batch.forEach((task, context) -> assertThat(context).isEqualTo(context(task)));
        assertThat(batch.get(done).totalSteps()).as("a repeated uuid does not double the counts").isEqualTo(2);
        assertThat(counted.forTasks(List.of())).isEmpty();
        assertThat(counter.count()).as("an empty batch asks nothing").isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> dao.executionContexts().forTask(null), "taskUuid");
        assertInvalid(() -> dao.executionContexts().forTasks(null), "taskUuids");
        assertInvalid(() -> dao.executionContexts().forTasks(Arrays.asList(done, null)), "taskUuids");
    }
}

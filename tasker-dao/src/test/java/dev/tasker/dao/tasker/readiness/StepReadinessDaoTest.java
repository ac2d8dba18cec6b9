package dev.tasker.dao.tasker.readiness;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.SameSnapshot;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.WorkflowData;
import dev.tasker.dao.tasker.state.StepState;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link StepReadinessDao}: every column typed, the step filter, batch = singles, one round trip, bad input. */
class StepReadinessDaoTest extends TaskerDaoTest {

    private UUID task;
    private UUID complete;
    private UUID backingOff;
    private UUID exhausted;
    private UUID blocked;
    private UUID ready;
    private UUID otherTask;
    private UUID otherStep;

    @BeforeAll
    void arrange() throws SQLException {
        WorkflowData data = new WorkflowData(db, fixtures, null);
        task = data.task(0, "pending");
        complete = data.step(task, "pending", "enqueued", "in_progress", "complete");
        backingOff = data.step(task, "pending", "enqueued", "in_progress", "error", "waiting_for_retry");
        exhausted = data.step(task, "pending", "enqueued", "in_progress", "error");
        blocked = data.step(task);
        ready = data.step(task);
        data.edge(complete, backingOff);
        data.edge(complete, exhausted);
        data.edge(backingOff, blocked);
        data.execute("UPDATE tasker_workflow_steps SET attempts = 1, backoff_request_seconds = 3600,"
                + " last_attempted_at = now() - interval '10 seconds' WHERE workflow_step_uuid = ?", backingOff);
        data.execute("UPDATE tasker_workflow_steps SET attempts = 3, max_attempts = 3, last_attempted_at = now()"
                + " WHERE workflow_step_uuid = ?", exhausted);
        otherTask = data.task(5);
        otherStep = data.step(otherTask);
    }

    private StepReadinessDao readiness() {
        return dao.stepReadiness();
    }

    private Map<UUID, StepReadiness> byStep(List<StepReadiness> rows) {
        return rows.stream().collect(Collectors.toMap(StepReadiness::workflowStepUuid, Function.identity()));
    }

    private LocalDateTime timestamp(String sql, Object... parameters) throws SQLException {
        return ((Timestamp) value(sql, parameters)).toLocalDateTime();
    }

    @Test
    void everyColumnOfTheFunctionReachesTheRecord() throws SQLException {
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            List<StepReadiness> typed = snapshot.dao().stepReadiness().forTask(task);
            assertRowsMatch(typed, snapshot.rows("SELECT * FROM get_step_readiness_status(?)", task));
            assertThat(typed).extracting(StepReadiness::workflowStepUuid)
                    .containsExactlyInAnyOrder(complete, backingOff, exhausted, blocked, ready);
        }
    }

    @Test
    void theRecordsCarryTheArrangedFacts() throws SQLException {
        Map<UUID, StepReadiness> steps = byStep(readiness().forTask(task));

        StepReadiness retrying = steps.get(backingOff);
        LocalDateTime lastAttempt = timestamp("SELECT last_attempted_at FROM tasker_workflow_steps"
                + " WHERE workflow_step_uuid = ?", backingOff);
        assertThat(retrying.currentState()).isEqualTo(StepState.WAITING_FOR_RETRY);
        assertThat(retrying.taskUuid()).isEqualTo(task);
        assertThat(retrying.name()).isEqualTo(value("SELECT ns.name FROM tasker_named_steps ns JOIN"
                + " tasker_workflow_steps ws USING (named_step_uuid) WHERE ws.workflow_step_uuid = ?", backingOff));
        assertThat(retrying.dependenciesSatisfied()).isTrue();
        assertThat(retrying.totalParents()).isEqualTo(1);
        assertThat(retrying.completedParents()).isEqualTo(1);
        assertThat(retrying.retryEligible()).isTrue();
        assertThat(retrying.readyForExecution()).as("backing off for an hour").isFalse();
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.maxAttempts()).isEqualTo(3);
        assertThat(retrying.backoffRequestSeconds()).contains(3600);
        assertThat(retrying.lastAttemptedAt()).contains(lastAttempt);
        assertThat(retrying.nextRetryAt()).contains(lastAttempt.plusSeconds(3600));
        assertThat(retrying.lastFailureAt()).contains(timestamp("SELECT created_at FROM"
                + " tasker_workflow_step_transitions WHERE workflow_step_uuid = ? AND to_state = 'error'", backingOff));

        StepReadiness noRetryLeft = steps.get(exhausted);
        assertThat(noRetryLeft.currentState()).isEqualTo(StepState.ERROR);
        assertThat(noRetryLeft.retryEligible()).isFalse();
        assertThat(noRetryLeft.readyForExecution()).isFalse();

        StepReadiness waiting = steps.get(blocked);
        assertThat(waiting.currentState()).as("no transition reads as pending").isEqualTo(StepState.PENDING);
        assertThat(waiting.dependenciesSatisfied()).isFalse();
        assertThat(waiting.completedParents()).isZero();
        assertThat(waiting.attempts()).as("NULL attempts read as 0").isZero();
        assertThat(waiting.lastFailureAt()).isEmpty();
        assertThat(waiting.nextRetryAt()).isEmpty();
        assertThat(waiting.backoffRequestSeconds()).isEmpty();
        assertThat(waiting.lastAttemptedAt()).isEmpty();

        assertThat(steps.get(ready).readyForExecution()).isTrue();
        assertThat(steps.get(complete).totalParents()).isZero();
        assertThat(steps.get(complete).currentState()).isEqualTo(StepState.COMPLETE);
    }

    @Test
    void theStepFilterKeepsOnlyTheNamedStepsOfTheTask() {
        List<StepReadiness> filtered = readiness().forTask(task, List.of(backingOff, blocked, otherStep));

        assertThat(filtered).extracting(StepReadiness::workflowStepUuid)
                .containsExactlyInAnyOrder(backingOff, blocked);
        assertThat(filtered).containsExactlyInAnyOrderElementsOf(readiness().forTask(task).stream()
                .filter(step -> step.workflowStepUuid().equals(backingOff) || step.workflowStepUuid().equals(blocked))
                .toList());
        assertThat(readiness().forStep(task, backingOff)).contains(byStep(filtered).get(backingOff));
        assertThat(readiness().forStep(task, otherStep)).as("a step of another task").isEmpty();
    }

    @Test
    void unknownTasksHaveNoSteps() {
        assertThat(readiness().forTask(UUID.randomUUID())).isEmpty();
        assertThat(readiness().forTasks(List.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aBatchIsTheSingleTaskResultsTogetherInFunctionOrder() throws SQLException {
        List<StepReadiness> batch = readiness().forTasks(List.of(otherTask, task, otherTask));

        List<StepReadiness> singles = new ArrayList<>(readiness().forTask(task));
        singles.addAll(readiness().forTask(otherTask));
        assertThat(batch).containsExactlyInAnyOrderElementsOf(singles);
        try (SameSnapshot snapshot = SameSnapshot.on(open())) {
            UUID[] tasks = {task, otherTask};
            assertRowsMatch(snapshot.dao().stepReadiness().forTasks(Arrays.asList(tasks)), snapshot.rows(
                    "SELECT * FROM get_step_readiness_status_batch(?::uuid[])", uuidArray(tasks)));
        }
    }

    @Test
    void aBatchWithAStepFilterKeepsOnlyThoseSteps() {
        assertThat(readiness().forTasks(List.of(task, otherTask), List.of(otherStep, ready)))
                .extracting(StepReadiness::workflowStepUuid).containsExactlyInAnyOrder(otherStep, ready);
    }

    @Test
    void eachCallIsOneRoundTripAndAnEmptyBatchNone() {
        StatementCounter counter = new StatementCounter(dataSource);
        StepReadinessDao counted = TaskerDataAccess.using(counter.dsl()).stepReadiness();

        counted.forTask(task);
        assertThat(counter.count()).isEqualTo(1);
        counted.forTasks(List.of(task, otherTask));
        assertThat(counter.count()).isEqualTo(2);
        counted.forTask(task, List.of(ready));
        assertThat(counter.count()).isEqualTo(3);
        assertThat(counted.forTasks(List.of())).isEmpty();
        assertThat(counter.count()).as("an empty batch asks nothing").isEqualTo(3);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> readiness().forTask(null), "taskUuid");
        assertInvalid(() -> readiness().forTask(task, List.of()), "stepUuids");
        assertInvalid(() -> readiness().forTask(task, null), "stepUuids");
        assertInvalid(() -> readiness().forStep(task, null), "stepUuid");
        assertInvalid(() -> readiness().forTasks(null), "taskUuids");
        assertInvalid(() -> readiness().forTasks(Arrays.asList(task, null)), "taskUuids");
        assertInvalid(() -> readiness().forTasks(List.of(task), List.of()), "stepUuids");
        assertInvalid(() -> new StepReadinessDao(null), "ctx");
    }

    private String uuidArray(UUID... uuids) {
        return Arrays.stream(uuids).map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}

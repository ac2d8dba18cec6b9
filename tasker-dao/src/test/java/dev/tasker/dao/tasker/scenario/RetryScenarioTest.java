package dev.tasker.dao.tasker.scenario;

import static dev.tasker.dao.tasker.readiness.ExecutionStatus.BLOCKED_BY_FAILURES;
import static dev.tasker.dao.tasker.readiness.ExecutionStatus.HAS_READY_STEPS;
import static dev.tasker.dao.tasker.readiness.ExecutionStatus.WAITING_FOR_DEPENDENCIES;
import static dev.tasker.dao.tasker.readiness.HealthStatus.BLOCKED;
import static dev.tasker.dao.tasker.readiness.HealthStatus.HEALTHY;
import static dev.tasker.dao.tasker.readiness.HealthStatus.RECOVERING;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.EXECUTE_READY_STEPS;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.HANDLE_FAILURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.analytics.SystemHealthCounts;
import dev.tasker.dao.tasker.dlq.DlqEntry;
import dev.tasker.dao.tasker.dlq.DlqInvestigationItem;
import dev.tasker.dao.tasker.dlq.DlqReason;
import dev.tasker.dao.tasker.dlq.DlqResolutionStatus;
import dev.tasker.dao.tasker.dlq.StaleTaskAction;
import dev.tasker.dao.tasker.dlq.StaleTaskOutcome;
import dev.tasker.dao.tasker.dlq.StalenessThresholds;
import dev.tasker.dao.tasker.readiness.ReadyTask;
import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.transitions.StepTransition;
import dev.tasker.dao.tasker.transitions.TaskTransition;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retry paths end to end through {@link dev.tasker.dao.tasker.TaskerDataAccess}: a step waiting for retry behind
 * an explicit backoff, a step retried from error behind the SQL fallback backoff until its attempts are exhausted
 * and the task gives up, and a task left waiting for retry that the stale-task sweep moves into the DLQ. Time is
 * moved by back-dating timestamps with plain SQL, never by sleeping.
 */
class RetryScenarioTest extends ScenarioTest {

    @Test
    void aStepWaitingForRetryIsReadyAgainOnceItsBackoffHasPassed() throws SQLException {
        Diamond diamond = Diamond.create(dao, StepDefaults.DEFAULTS);
        UUID task = diamond.taskUuid();
        Worker worker = startTask(diamond);
        worker.reportFailure(diamond.a());
        worker.apply(diamond.a(), new StepEvent.WaitForRetry("ledger timeout"));
        moveTask(dao, task, to(new TaskEvent.StepFailed(diamond.a()), TaskState.WAITING_FOR_RETRY));
        dao.steps().setBackoff(diamond.a(), 30);

        StepReadiness waiting = readiness(dao, task, diamond.a());
        assertThat(waiting.currentState()).isEqualTo(StepState.WAITING_FOR_RETRY);
        assertThat(List.of(waiting.retryEligible(), waiting.readyForExecution())).containsExactly(true, false);
        assertThat(waiting.backoffRequestSeconds()).contains(30);
        assertThat(waiting.nextRetryAt()).as("the explicit backoff counts from the time it was set")
                .isEqualTo(waiting.lastAttemptedAt().map(at -> at.plusSeconds(30)));
        assertThat(waiting.lastFailureAt()).as("never in error").isEmpty();
        assertContext(dao, task, TaskState.WAITING_FOR_RETRY, counts(4, 3, 0, 0, 0, 0, 0), WAITING_FOR_DEPENDENCIES,
                RecommendedAction.WAIT_FOR_DEPENDENCIES, HEALTHY, "0");
        assertThat(dao.readyTasks().nextReadyTasks(5)).as("nothing to do while backing off").isEmpty();

        execute("UPDATE tasker_workflow_steps SET last_attempted_at = last_attempted_at - interval '31 seconds'"
                + " WHERE workflow_step_uuid = ?", diamond.a());
        assertThat(ready(dao, task)).containsExactly(diamond.a());
        assertContext(dao, task, TaskState.WAITING_FOR_RETRY, counts(4, 3, 0, 0, 0, 1, 0), HAS_READY_STEPS,
                EXECUTE_READY_STEPS, HEALTHY, "0");
        assertThat(dao.readyTasks().nextReadyTasks(5)).extracting(ReadyTask::taskUuid, ReadyTask::readyStepsCount,
                ReadyTask::currentState).containsExactly(tuple(task, 1L,
                TaskState.WAITING_FOR_RETRY));

        moveTask(dao, task, to(TaskEvent.Signal.RETRY_READY, TaskState.ENQUEUING_STEPS));
        worker.apply(diamond.a(), StepEvent.Signal.RETRY);
        assertThat(stepState(db, diamond.a())).isEqualTo("pending");
        assertThat(ready(dao, task)).as("pending again, still past its backoff").containsExactly(diamond.a());
        assertThat(worker.enqueueAndStart(diamond.a()).step().attempts()).contains(2);
        moveTask(dao, task, to(new TaskEvent.StepsEnqueued(List.of(diamond.a())), TaskState.STEPS_IN_PROCESS));
        worker.succeed(diamond.a());

        assertThat(ready(dao, task)).containsExactlyInAnyOrder(diamond.b(), diamond.c());
        assertThat(row("SELECT attempts, processed FROM tasker_workflow_steps WHERE workflow_step_uuid = ?",
                diamond.a())).containsEntry("attempts", 2).containsEntry("processed", true);
        assertThat(rows("SELECT success FROM tasker_workflow_step_result_audit WHERE workflow_step_uuid = ?"
                + " ORDER BY recorded_at", diamond.a())).extracting(row -> row.get("success"))
                .as("the failed and the successful result").containsExactly(false, true);
        assertThat(dao.stepTransitions().history(diamond.a())).extracting(StepTransition::toState)
                .containsExactly(StepState.ENQUEUED, StepState.IN_PROGRESS,
                        StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, StepState.WAITING_FOR_RETRY,
                        StepState.PENDING, StepState.ENQUEUED, StepState.IN_PROGRESS,
                        StepState.ENQUEUED_FOR_ORCHESTRATION, StepState.COMPLETE);
    }

    @Test
    void aStepRetriedFromErrorUntilItsAttemptsAreExhaustedBlocksTheTask() throws SQLException {
        Diamond diamond = Diamond.create(dao, new StepDefaults(false, true, 2));
        UUID task = diamond.taskUuid();
        Worker worker = startTask(diamond);
        failToError(worker, diamond.a());
        moveTask(dao, task, to(new TaskEvent.StepFailed(diamond.a()), TaskState.WAITING_FOR_RETRY));

        StepReadiness failed = readiness(dao, task, diamond.a());
        assertThat(failed.currentState()).isEqualTo(StepState.ERROR);
        assertThat(List.of(failed.retryEligible(), failed.readyForExecution())).containsExactly(true, false);
        assertThat(failed.nextRetryAt()).as("no explicit backoff: failure time + 2^attempts seconds")
                .isEqualTo(failed.lastFailureAt().map(at -> at.plusSeconds(2)));
        assertContext(dao, task, TaskState.WAITING_FOR_RETRY, counts(4, 3, 0, 0, 1, 0, 0), WAITING_FOR_DEPENDENCIES,
                RecommendedAction.WAIT_FOR_DEPENDENCIES, RECOVERING, "0");

        execute("UPDATE tasker_workflow_step_transitions SET created_at = created_at - interval '1 minute'"
                + " WHERE workflow_step_uuid = ? AND to_state = 'error'", diamond.a());
        worker.apply(diamond.a(), StepEvent.Signal.RETRY);
        StepReadiness retried = readiness(dao, task, diamond.a());
        assertThat(retried.readyForExecution()).isTrue();
        assertThat(retried.lastFailureAt()).as("the failure is remembered over the whole history").isPresent();

        moveTask(dao, task, to(TaskEvent.Signal.RETRY_READY, TaskState.ENQUEUING_STEPS));
        assertThat(worker.enqueueAndStart(diamond.a()).step().attempts()).contains(2);
        moveTask(dao, task, to(new TaskEvent.StepsEnqueued(List.of(diamond.a())), TaskState.STEPS_IN_PROCESS));
        failToError(worker, diamond.a());

        StepReadiness exhausted = readiness(dao, task, diamond.a());
        assertThat(List.of(exhausted.attempts(), exhausted.maxAttempts())).containsExactly(2, 2);
        assertThat(List.of(exhausted.retryEligible(), exhausted.readyForExecution())).containsExactly(false, false);
        assertContext(dao, task, TaskState.STEPS_IN_PROCESS, counts(4, 3, 0, 0, 1, 0, 0), BLOCKED_BY_FAILURES,
                HANDLE_FAILURES, BLOCKED, "0");
        moveTask(dao, task, to(new TaskEvent.StepCompleted(diamond.a()), TaskState.EVALUATING_RESULTS),
                to(new TaskEvent.PermanentFailure("validate failed 2 of 2 attempts"), TaskState.BLOCKED_BY_FAILURES),
                to(TaskEvent.Signal.GIVE_UP, TaskState.ERROR));

        assertThat(row("SELECT complete, completed_at FROM tasker_tasks WHERE task_uuid = ?", task))
                .containsEntry("complete", false).containsEntry("completed_at", null);
        assertThat(rows("SELECT success, execution_time_ms FROM tasker_workflow_step_result_audit"
                + " WHERE task_uuid = ?", task)).hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("success", false)
                        .containsEntry("execution_time_ms", 30000L));
        SystemHealthCounts health = dao.analytics().systemHealthCounts();
        assertThat(List.of(health.tasksIn(TaskState.ERROR), health.stepsIn(StepState.ERROR),
                health.stepsIn(StepState.PENDING), health.totalSteps())).containsExactly(1L, 1L, 0L, 4L);
    }

    @Test
    void aTaskLeftWaitingForRetryIsSweptIntoTheDlqAndResolved() throws SQLException {
        Diamond diamond = Diamond.create(dao, StepDefaults.DEFAULTS);
        UUID task = diamond.taskUuid();
        Worker worker = startTask(diamond);
        failToError(worker, diamond.a());
        moveTask(dao, task, to(new TaskEvent.StepFailed(diamond.a()), TaskState.WAITING_FOR_RETRY));
        execute("UPDATE tasker_task_transitions SET created_at = created_at - interval '31 minutes'"
                + " WHERE task_uuid = ? AND most_recent", task);

        List<StaleTaskOutcome> planned = dao.staleTasks().dryRun(StalenessThresholds.DEFAULTS, 10);
        assertThat(planned).extracting(StaleTaskOutcome::taskUuid, StaleTaskOutcome::currentState,
                StaleTaskOutcome::action).containsExactly(tuple(task,
                TaskState.WAITING_FOR_RETRY, StaleTaskAction.WOULD_TRANSITION_TO_DLQ_AND_ERROR));
        assertThat(value("SELECT count(*) FROM tasker_tasks_dlq")).as("a dry run writes nothing").isEqualTo(0L);
        assertThat(dao.taskTransitions().currentState(task)).contains(TaskState.WAITING_FOR_RETRY);

        assertThat(dao.staleTasks().sweep(StalenessThresholds.DEFAULTS, 10)).extracting(StaleTaskOutcome::action)
                .containsExactly(StaleTaskAction.TRANSITIONED_TO_DLQ_AND_ERROR);
        TaskTransition toError = dao.taskTransitions().current(task).orElseThrow();
        assertThat(toError.fromState()).contains(TaskState.WAITING_FOR_RETRY);
        assertThat(toError.toState()).isEqualTo(TaskState.ERROR);
        assertThat(value("SELECT transition_metadata ->> 'reason' FROM tasker_task_transitions"
                + " WHERE task_transition_uuid = ?", toError.transitionUuid())).isEqualTo("staleness_timeout");
        assertThatThrownBy(() -> dao.taskTransitions().transition(task, TaskEvent.Signal.RETRY_READY))
                .as("the state machine sees the sweep's error as terminal")
                .isInstanceOf(IllegalTransitionException.class);

        DlqEntry entry = dao.dlq().findPending(task).orElseThrow();
        assertThat(List.of(entry.originalState(), entry.reason())).containsExactly(TaskState.WAITING_FOR_RETRY,
                DlqReason.STALENESS_TIMEOUT);
        assertThat(dao.dlqMonitoring().investigationQueue(10)).extracting(DlqInvestigationItem::dlqEntryUuid)
                .containsExactly(entry.dlqEntryUuid());
        DlqEntry resolved = dao.dlq().resolve(entry.dlqEntryUuid(), DlqResolutionStatus.MANUALLY_RESOLVED, "ops",
                "ledger back");
        assertThat(resolved.resolutionStatus()).isEqualTo(DlqResolutionStatus.MANUALLY_RESOLVED);
        assertThat(row("SELECT resolution_status::text AS status, resolved_by FROM tasker_tasks_dlq"
                + " WHERE dlq_entry_uuid = ?", entry.dlqEntryUuid())).containsEntry("status", "manually_resolved")
                .containsEntry("resolved_by", "ops");
        assertThat(dao.dlq().findPending(task)).isEmpty();
        assertThat(dao.dlqMonitoring().investigationQueue(10)).isEmpty();
    }

    /**
     * The task from pending to steps_in_process with the root enqueued and started by a new worker, which is
     * returned.
     */
    private Worker startTask(Diamond diamond) {
        Worker worker = new Worker(dao, UUID.randomUUID(), diamond.task().correlationId());
        moveTask(dao, diamond.taskUuid(), to(TaskEvent.Signal.START, TaskState.INITIALIZING),
                to(new TaskEvent.ReadyStepsFound(1), TaskState.ENQUEUING_STEPS));
        worker.enqueueAndStart(diamond.a());
        moveTask(dao, diamond.taskUuid(), to(new TaskEvent.StepsEnqueued(List.of(diamond.a())),
                TaskState.STEPS_IN_PROCESS));
        return worker;
    }

    /** A started step reports a failure and orchestration fails it: in_progress → … → error. */
    private static void failToError(Worker worker, UUID step) {
        worker.reportFailure(step);
        worker.apply(step, new StepEvent.Fail("ledger timeout"));
    }
}

package dev.tasker.dao.tasker.scenario;

import static dev.tasker.dao.tasker.readiness.ExecutionStatus.ALL_COMPLETE;
import static dev.tasker.dao.tasker.readiness.ExecutionStatus.HAS_READY_STEPS;
import static dev.tasker.dao.tasker.readiness.ExecutionStatus.PROCESSING;
import static dev.tasker.dao.tasker.readiness.HealthStatus.HEALTHY;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.EXECUTE_READY_STEPS;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.FINALIZE_TASK;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.WAIT_FOR_COMPLETION;
import static dev.tasker.dao.tasker.readiness.RecommendedAction.WAIT_FOR_DEPENDENCIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.analytics.SystemHealthCounts;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.transitions.ClaimedStep;
import dev.tasker.dao.tasker.transitions.StepTransition;
import dev.tasker.dao.tasker.transitions.TaskTransition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The happy path end to end through {@link TaskerDataAccess} only: registry find-or-create, template, task, steps
 * and a diamond DAG, then orchestration and workers move the task and its steps until the task is complete, with
 * readiness, execution context, health counts, histories and result audit checked at every stage.
 */
class HappyPathScenarioTest extends ScenarioTest {

    @Test
    void aDiamondRunsToCompletionOnADataSource() throws SQLException {
        Diamond diamond = runToCompletion(dao, db);
        assertCompleted(dao, db, diamond);
    }

    @Test
    void aDiamondRunsToCompletionInsideTheCallersTransaction() throws SQLException {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess callers = TaskerDataAccess.using(connection);
            Diamond diamond = runToCompletion(callers, connection);
            assertCompleted(callers, connection, diamond);
            assertThat(value("SELECT count(*) FROM tasker_tasks")).as("nothing committed behind the caller's back")
                    .isEqualTo(0L);
            connection.commit();
            assertThat(row("SELECT complete, (SELECT count(*) FROM tasker_workflow_step_result_audit) AS audited"
                    + " FROM tasker_tasks WHERE task_uuid = ?", diamond.taskUuid()))
                    .containsEntry("complete", true).containsEntry("audited", 4L);
        }
    }

    /** Builds a diamond on {@code access} and runs it to completion, checking every stage. */
    private static Diamond runToCompletion(TaskerDataAccess access, Connection sql) throws SQLException {
        Diamond diamond = Diamond.create(access, StepDefaults.DEFAULTS);
        UUID task = diamond.taskUuid();
        Worker worker = new Worker(access, UUID.randomUUID(), diamond.task().correlationId());
        assertThat(access.namespaces().findOrCreate(diamond.namespace().name(), "ignored"))
                .as("find-or-create finds the namespace").isEqualTo(diamond.namespace());
        assertThat(access.namedSteps().findOrCreate(diamond.system().uuid(), "validate", null).uuid())
                .as("find-or-create finds the named step")
                .isEqualTo(access.steps().get(diamond.a()).orElseThrow().namedStepUuid());
        assertThat(access.steps().createFromTemplate(task)).as("the template's steps exist already").isEmpty();
        assertThat(access.tasks().findByCorrelationId(diamond.task().correlationId())).contains(diamond.task());

        assertThat(ready(access, task)).as("only the root is ready").containsExactly(diamond.a());
        assertContext(access, task, TaskState.PENDING, counts(4, 4, 0, 0, 0, 1, 0), HAS_READY_STEPS,
                EXECUTE_READY_STEPS, HEALTHY, "0");
        moveTask(access, task, to(TaskEvent.Signal.START, TaskState.INITIALIZING),
                to(new TaskEvent.ReadyStepsFound(1), TaskState.ENQUEUING_STEPS));

        worker.enqueue(diamond.a());
        moveTask(access, task, to(new TaskEvent.StepsEnqueued(List.of(diamond.a())), TaskState.STEPS_IN_PROCESS));
        assertContext(access, task, TaskState.STEPS_IN_PROCESS, counts(4, 3, 0, 0, 0, 0, 1), PROCESSING,
                WAIT_FOR_DEPENDENCIES, HEALTHY, "0");

        ClaimedStep claimed = worker.start(diamond.a());
        assertThat(claimed.step().attempts()).contains(1);
        assertThat(row(sql, "SELECT attempts, in_process, last_attempted_at IS NOT NULL AS stamped"
                + " FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", diamond.a()))
                .containsEntry("attempts", 1).containsEntry("in_process", true).containsEntry("stamped", true);
        assertContext(access, task, TaskState.STEPS_IN_PROCESS, counts(4, 3, 1, 0, 0, 0, 0), PROCESSING,
                WAIT_FOR_COMPLETION, HEALTHY, "0");

        worker.succeed(diamond.a());
        assertThat(stepState(sql, diamond.a())).isEqualTo("complete");
        assertThat(ready(access, task)).as("both children of the root").containsExactlyInAnyOrder(diamond.b(),
                diamond.c());
        StepReadiness leaf = readiness(access, task, diamond.d());
        assertThat(List.of(leaf.readyForExecution(), leaf.dependenciesSatisfied())).containsExactly(false, false);
        assertThat(List.of(leaf.totalParents(), leaf.completedParents())).containsExactly(2, 0);
        assertContext(access, task, TaskState.STEPS_IN_PROCESS, counts(4, 3, 0, 1, 0, 2, 0), HAS_READY_STEPS,
                EXECUTE_READY_STEPS, HEALTHY, "25.00");

        moveTask(access, task, to(new TaskEvent.StepCompleted(diamond.a()), TaskState.EVALUATING_RESULTS),
                to(new TaskEvent.ReadyStepsFound(2), TaskState.ENQUEUING_STEPS));
        worker.enqueueAndStart(diamond.b());
        worker.enqueueAndStart(diamond.c());
        moveTask(access, task, to(new TaskEvent.StepsEnqueued(List.of(diamond.b(), diamond.c())),
                TaskState.STEPS_IN_PROCESS));
        worker.succeed(diamond.b());
        assertThat(readiness(access, task, diamond.d()).completedParents()).isEqualTo(1);
        assertThat(ready(access, task)).as("the leaf waits for its second parent").isEmpty();
        moveTask(access, task, to(new TaskEvent.StepCompleted(diamond.b()), TaskState.EVALUATING_RESULTS),
                to(TaskEvent.Signal.NO_DEPENDENCIES_READY, TaskState.WAITING_FOR_DEPENDENCIES));

        worker.succeed(diamond.c());
        assertThat(ready(access, task)).containsExactly(diamond.d());
        moveTask(access, task, to(TaskEvent.Signal.DEPENDENCIES_READY, TaskState.EVALUATING_RESULTS),
                to(new TaskEvent.ReadyStepsFound(1), TaskState.ENQUEUING_STEPS));
        worker.enqueueAndStart(diamond.d());
        moveTask(access, task, to(new TaskEvent.StepsEnqueued(List.of(diamond.d())), TaskState.STEPS_IN_PROCESS));
        worker.succeed(diamond.d());
        assertContext(access, task, TaskState.STEPS_IN_PROCESS, counts(4, 0, 0, 4, 0, 0, 0), ALL_COMPLETE,
                FINALIZE_TASK, HEALTHY, "100.00");
        moveTask(access, task, to(TaskEvent.Signal.ALL_STEPS_COMPLETED, TaskState.EVALUATING_RESULTS),
                to(TaskEvent.Signal.ALL_STEPS_SUCCESSFUL, TaskState.COMPLETE));

        return diamond;
    }

    private static void assertCompleted(TaskerDataAccess access, Connection sql, Diamond diamond)
            throws SQLException {
        UUID task = diamond.taskUuid();
        assertThat(row(sql, "SELECT complete, completed_at IS NOT NULL AS stamped FROM tasker_tasks"
                + " WHERE task_uuid = ?", task)).containsEntry("complete", true).containsEntry("stamped", true);
        assertThat(access.tasks().get(task).orElseThrow().completedAt()).isPresent();
        assertThat(access.taskTransitions().history(task)).extracting(TaskTransition::toState).containsExactly(
                TaskState.INITIALIZING, TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS,
                TaskState.EVALUATING_RESULTS, TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS,
                TaskState.EVALUATING_RESULTS, TaskState.WAITING_FOR_DEPENDENCIES, TaskState.EVALUATING_RESULTS,
                TaskState.ENQUEUING_STEPS, TaskState.STEPS_IN_PROCESS, TaskState.EVALUATING_RESULTS,
                TaskState.COMPLETE);
        assertThat(value(sql, "SELECT metadata ->> 'event' FROM tasker_task_transitions"
                + " WHERE task_uuid = ? AND sort_key = 2", task)).isEqualTo("ReadyStepsFound(1)");
        for (UUID step : diamond.steps()) {
            assertThat(access.stepTransitions().history(step)).extracting(StepTransition::toState).containsExactly(
                    StepState.ENQUEUED, StepState.IN_PROGRESS, StepState.ENQUEUED_FOR_ORCHESTRATION,
                    StepState.COMPLETE);
            WorkflowStep done = access.steps().get(step).orElseThrow();
            assertThat(List.of(done.processed(), done.inProcess(), done.processedAt().isPresent()))
                    .containsExactly(true, false, true);
            assertThat(done.attempts()).contains(1);
            assertThat(value(sql, "SELECT results -> 'result' ->> 'settled' FROM tasker_workflow_steps"
                    + " WHERE workflow_step_uuid = ?", step)).isEqualTo("1");
        }
        List<Map<String, Object>> audit = rows(sql, "SELECT workflow_step_uuid, worker_uuid, correlation_id, success,"
                + " execution_time_ms FROM tasker_workflow_step_result_audit WHERE task_uuid = ?", task);
        assertThat(audit).as("one audit row per worker result").hasSize(4)
                .extracting(row -> row.get("workflow_step_uuid")).containsExactlyInAnyOrderElementsOf(diamond.steps());
        assertThat(audit).allSatisfy(row -> assertThat(row).containsEntry("success", true)
                .containsEntry("execution_time_ms", 12L).containsEntry("correlation_id",
                        diamond.task().correlationId()));
        assertThat(Set.copyOf(audit.stream().map(row -> row.get("worker_uuid")).toList())).hasSize(1);
        SystemHealthCounts health = access.analytics().systemHealthCounts();
        assertThat(List.of(health.totalTasks(), health.tasksIn(TaskState.COMPLETE), health.totalSteps(),
                health.stepsIn(StepState.COMPLETE), health.stepsIn(StepState.PENDING)))
                .containsExactly(1L, 1L, 4L, 4L, 0L);
        assertThat(access.readyTasks().readyInfo(task).orElseThrow().currentState()).isEqualTo(TaskState.COMPLETE);
    }
}

package dev.tasker.dao.tasker.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.readiness.ExecutionStatus;
import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.readiness.TaskExecutionContext;
import dev.tasker.dao.tasker.registry.NamedStep;
import dev.tasker.dao.tasker.registry.NamedTask;
import dev.tasker.dao.tasker.registry.NewNamedTask;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.registry.TaskNamespace;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.tasks.Task;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

/** The usage example of the README, compiled and run so that it is known to work. */
class ReadmeExampleTest extends ScenarioTest {

    @Test
    void theReadmeExampleRunsATaskToAllComplete() throws SQLException {
        TaskExecutionContext context = readmeExample(dataSource);

        assertThat(context.executionStatus()).isEqualTo(ExecutionStatus.ALL_COMPLETE);
        assertThat(context.recommendedAction()).isEqualTo(RecommendedAction.FINALIZE_TASK);
        assertThat(row("SELECT attempts, processed FROM tasker_workflow_steps WHERE task_uuid = ?",
                context.taskUuid())).containsEntry("attempts", 1).containsEntry("processed", true);
    }

    /** The README's example, verbatim between the markers. */
    private static TaskExecutionContext readmeExample(DataSource dataSource) {
        // README example: begin
        TaskerDataAccess tasker = TaskerDataAccess.using(dataSource);
        TaskNamespace payments = tasker.namespaces().findOrCreate("payments", "payment workflows");
        NamedTask settle = tasker.namedTasks().findOrCreate(NewNamedTask.of(payments.uuid(), "settle", "1.0.0"));
        UUID ledger = tasker.dependentSystems().findOrCreate("ledger", null).uuid();
        NamedStep debit = tasker.namedSteps().findOrCreate(ledger, "debit", null);
        tasker.taskTemplates().link(settle.uuid(), debit.uuid(), StepDefaults.DEFAULTS);

        Task task = tasker.transactionResult(tx -> {          // task and its steps: all or nothing
            Task created = tx.tasks().create(NewTask.of(settle.uuid(), UUID.randomUUID(), "order-42"));
            tx.steps().createFromTemplate(created.uuid());
            return created;
        });
        tasker.taskTransitions().transition(task.uuid(), TaskEvent.Signal.START);

        JSONB result = JSONB.valueOf("{\"success\": true}");
        for (StepReadiness step : tasker.stepReadiness().forTask(task.uuid())) {
            if (step.readyForExecution()) {
                UUID uuid = step.workflowStepUuid();
                tasker.stepTransitions().transition(uuid, StepEvent.Signal.ENQUEUE);
                tasker.stepTransitions().startAndClaim(uuid, StepAttribution.NONE);  // in_progress, attempts + 1
                tasker.stepTransitions().transition(uuid, new StepEvent.EnqueueForOrchestration(result));
                tasker.stepTransitions().transition(uuid, new StepEvent.Complete(result));
            }
        }
        TaskExecutionContext context = tasker.executionContexts().forTask(task.uuid()).orElseThrow();
        // context.executionStatus() == ALL_COMPLETE, context.recommendedAction() == FINALIZE_TASK
        // README example: end
        return context;
    }
}

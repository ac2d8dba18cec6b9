package dev.tasker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.transitions.ClaimedStep;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * Moves a task and its steps through tasker-dao the way orchestration and a worker do: the task's moves checked
 * against where they lead, a step enqueued, then claimed (in progress, attempt counted), reported and completed.
 * Every step transition is attributed to one worker and the task's correlation id.
 */
final class StepWorker {

    /** The result a worker reports for a step that succeeded. */
    static final JSONB SUCCEEDED = JSONB.valueOf("{\"success\": true, \"result\": {\"done\": true}}");

    private final TaskerDataAccess tasker;
    private final StepAttribution attribution;

    /** A worker for {@code diamond}'s task on {@code tasker}. */
    StepWorker(TaskerDataAccess tasker, Diamond diamond) {
        this.tasker = tasker;
        this.attribution = StepAttribution.of(UUID.randomUUID(), diamond.task().correlationId());
    }

    /** Moves {@code task} by {@code event} and checks that it entered {@code expected}. */
    void moveTask(UUID task, TaskEvent event, TaskState expected) {
        assertThat(tasker.taskTransitions().transition(task, event).toState())
                .as("task on %s", event.describe()).isEqualTo(expected);
    }

    /** The steps of {@code task} that readiness reports ready for execution. */
    List<UUID> readySteps(UUID task) {
        return tasker.stepReadiness().forTask(task).stream().filter(step -> step.readyForExecution())
                .map(step -> step.workflowStepUuid()).toList();
    }

    /** pending → enqueued. */
    void enqueue(UUID step) {
        assertThat(tasker.stepTransitions().transition(step, StepEvent.Signal.ENQUEUE, attribution).toState())
                .isEqualTo(StepState.ENQUEUED);
    }

    /**
     * enqueued → in_progress with the claim, then enqueued_for_orchestration → complete with {@link #SUCCEEDED}.
     */
    void claimAndComplete(UUID step) {
        ClaimedStep claimed = tasker.stepTransitions().startAndClaim(step, attribution);
        assertThat(claimed.transition().toState()).isEqualTo(StepState.IN_PROGRESS);
        tasker.stepTransitions().transition(step, new StepEvent.EnqueueForOrchestration(SUCCEEDED), attribution);
        assertThat(tasker.stepTransitions().transition(step, new StepEvent.Complete(SUCCEEDED), attribution)
                .toState()).isEqualTo(StepState.COMPLETE);
    }
}

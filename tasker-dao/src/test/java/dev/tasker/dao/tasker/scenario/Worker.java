package dev.tasker.dao.tasker.scenario;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.transitions.ClaimedStep;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.dao.tasker.transitions.StepTransitionDao;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * Moves the steps of one task the way orchestration and a worker do, through the public API: enqueue, start with
 * the claim, report a result for orchestration, and the orchestration's final Complete or Fail. Every transition is
 * attributed to this worker and the task's correlation id.
 */
final class Worker {

    /** A successful step result as a worker reports it: success and execution time at the top. */
    static final JSONB SUCCEEDED = JSONB.valueOf(
            "{\"success\": true, \"result\": {\"settled\": 1}, \"metadata\": {\"execution_time_ms\": 12}}");
    /** A failed step result. */
    static final JSONB FAILED = JSONB.valueOf(
            "{\"success\": false, \"error\": \"ledger timeout\", \"metadata\": {\"execution_time_ms\": 30000}}");

    private final StepTransitionDao transitions;
    private final StepAttribution attribution;

    /** A worker {@code workerUuid} for the task with {@code correlationId}, on {@code access}. */
    Worker(TaskerDataAccess access, UUID workerUuid, UUID correlationId) {
        this.transitions = access.stepTransitions();
        this.attribution = StepAttribution.of(workerUuid, correlationId);
    }

    /** pending → enqueued. */
    void enqueue(UUID step) {
        transitions.transition(step, StepEvent.Signal.ENQUEUE, attribution);
    }

    /** enqueued → in_progress, counting the attempt. */
    ClaimedStep start(UUID step) {
        return transitions.startAndClaim(step, attribution);
    }

    /** {@link #enqueue} and {@link #start}. */
    ClaimedStep enqueueAndStart(UUID step) {
        enqueue(step);
        return start(step);
    }

    /** in_progress → enqueued_for_orchestration → complete with {@link #SUCCEEDED}. */
    void succeed(UUID step) {
        transitions.transition(step, new StepEvent.EnqueueForOrchestration(SUCCEEDED), attribution);
        transitions.transition(step, new StepEvent.Complete(SUCCEEDED), attribution);
    }

    /** {@link #enqueueAndStart} and {@link #succeed}. */
    void run(UUID step) {
        enqueueAndStart(step);
        succeed(step);
    }

    /** in_progress → enqueued_as_error_for_orchestration with {@link #FAILED}. */
    void reportFailure(UUID step) {
        transitions.transition(step, new StepEvent.EnqueueAsErrorForOrchestration(FAILED), attribution);
    }

    /** Moves {@code step} by {@code event}, attributed to this worker. */
    void apply(UUID step, StepEvent event) {
        transitions.transition(step, event, attribution);
    }
}

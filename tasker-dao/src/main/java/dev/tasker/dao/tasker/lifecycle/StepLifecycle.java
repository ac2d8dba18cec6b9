package dev.tasker.dao.tasker.lifecycle;

import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.steps.WorkflowStep;
import dev.tasker.dao.tasker.steps.WorkflowStepDao;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.transitions.ClaimedStep;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.dao.tasker.transitions.StepTransition;
import dev.tasker.dao.tasker.transitions.StepTransitionDao;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * A worker's side of a workflow step, one call per stage: {@link #claim} an enqueued step, then {@link #complete}
 * it with its results or {@link #fail} it, which applies the schema's retry rule (tasker-schema.md §6.2: retryable
 * and fewer attempts than {@code max_attempts}) with a {@link RetryBackoff}. Enqueueing is done by
 * {@link TaskLifecycle#advance}. Each call locks the step row first and is all or nothing, so concurrent workers
 * cannot both claim a step. Runs on the given context, inside the caller's transaction if any.
 */
public final class StepLifecycle {

    private final DSLContext ctx;

    /** Step lifecycle calls on {@code ctx}. */
    public StepLifecycle(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Claims the enqueued step {@code step} for a worker: {@code enqueued → in_progress}, attempts + 1. Empty (and
     * nothing written) if the step is not {@code enqueued}, e.g. because another worker claimed it first or a message
     * about it was delivered twice. {@link NotFoundException} if there is no such step.
     */
    public Optional<ClaimedStep> claim(UUID step, StepAttribution attribution) {
        Arguments.required("step", step);
        Arguments.required("attribution", attribution);
        return DaoErrors.call("claim workflow step", () -> Atomic.run(ctx, bound -> {
            lock(bound, step);
            StepTransitionDao transitions = new StepTransitionDao(bound);
            if (transitions.currentState(step).orElse(StepState.PENDING) != StepState.ENQUEUED) {
                return Optional.<ClaimedStep>empty();
            }
            return Optional.of(transitions.startAndClaim(step, attribution));
        }));
    }

    /**
     * Completes the claimed step {@code step} with {@code results}: {@code in_progress → enqueued_for_orchestration
     * → complete}, results stored, in one unit. Returns the Complete transition. {@link IllegalTransitionException}
     * (listing the allowed events) if the step is not {@code in_progress}.
     */
    public StepTransition complete(UUID step, JSONB results, StepAttribution attribution) {
        Arguments.required("step", step);
        Arguments.required("attribution", attribution);
        return DaoErrors.call("complete workflow step", () -> Atomic.run(ctx, bound -> {
            lock(bound, step);
            StepTransitionDao transitions = new StepTransitionDao(bound);
            transitions.transition(step, new StepEvent.EnqueueForOrchestration(results), attribution);
            return transitions.transition(step, new StepEvent.Complete(results), attribution);
        }));
    }

    /**
     * Records that the claimed step {@code step} failed with {@code results} and {@code message}:
     * {@code in_progress → enqueued_as_error_for_orchestration}, then, if the step is retryable and has attempts
     * left, {@code backoff} is written ({@code backoff_request_seconds}, {@code last_attempted_at}) and the step waits
     * for retry (its task's next {@link TaskLifecycle#advance} enqueues it again once the backoff has passed);
     * otherwise it goes to {@code error} for good, which makes its task's recommended action
     * {@code handle_failures}. All in one unit. {@link IllegalTransitionException} if the step is not
     * {@code in_progress}.
     */
    public StepFailure fail(UUID step, JSONB results, String message, RetryBackoff backoff,
            StepAttribution attribution) {
        Arguments.required("step", step);
        Arguments.required("message", message);
        Arguments.required("backoff", backoff);
        Arguments.required("attribution", attribution);
        return DaoErrors.call("fail workflow step", () -> Atomic.run(ctx, bound -> {
            WorkflowStep row = lock(bound, step);
            StepTransitionDao transitions = new StepTransitionDao(bound);
            transitions.transition(step, new StepEvent.EnqueueAsErrorForOrchestration(results), attribution);
            int attempts = row.attempts().orElse(0);
            boolean retryable = row.retryable();
            if (retryable && attempts < row.maxAttempts().orElse(3)) {
                int seconds = backoff.delaySeconds(attempts);
                new WorkflowStepDao(bound).setBackoff(step, seconds);
                return new StepFailure(transitions.transition(step, new StepEvent.WaitForRetry(message), attribution),
                        true, OptionalInt.of(seconds));
            }
            return new StepFailure(transitions.transition(step, new StepEvent.Fail(message), attribution), false,
                    OptionalInt.empty());
        }));
    }

    private static WorkflowStep lock(DSLContext bound, UUID step) {
        return new WorkflowStepDao(bound).lockForUpdate(step)
                .orElseThrow(() -> new NotFoundException("workflow step", step));
    }
}

package dev.tasker.dao.tasker.lifecycle;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_TRANSITIONS;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.readiness.StepReadiness;
import dev.tasker.dao.tasker.readiness.StepReadinessDao;
import dev.tasker.dao.tasker.readiness.TaskExecutionContext;
import dev.tasker.dao.tasker.readiness.TaskExecutionContextDao;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import dev.tasker.dao.tasker.transitions.StepTransitionDao;
import dev.tasker.dao.tasker.transitions.TaskTransition;
import dev.tasker.dao.tasker.transitions.TaskTransitionDao;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The orchestrator's side of a task, as one call: {@link #advance} reads the task's execution context
 * (tasker-schema.md §6.4) and applies the task transitions its recommended action calls for (§7.1), until the task
 * has to wait for something outside (workers, a retry backoff) or has finished:
 *
 * <table>
 *   <caption>What advance does, by current state and recommended action</caption>
 *   <tr><th>state</th><th>does</th></tr>
 *   <tr><td>pending</td><td>Start</td></tr>
 *   <tr><td>initializing</td><td>NoStepsFound without steps; ReadyStepsFound(n) when steps are ready; else
 *       NoDependenciesReady</td></tr>
 *   <tr><td>enqueuing_steps</td><td>enqueues every ready step (a step waiting for retry is moved back to
 *       pending first) and StepsEnqueued(those); the steps are returned</td></tr>
 *   <tr><td>steps_in_process</td><td>finalize_task: AllStepsCompleted; handle_failures: StepCompleted(the step
 *       finished last); a step waiting for retry: StepFailed(it);
 *       execute_ready_steps: StepCompleted(the step finished last); else waits</td></tr>
 *   <tr><td>evaluating_results</td><td>handle_failures: PermanentFailure; finalize_task: AllStepsSuccessful;
 *       execute_ready_steps: ReadyStepsFound(n); else NoDependenciesReady</td></tr>
 *   <tr><td>waiting_for_dependencies / waiting_for_retry</td><td>DependenciesReady / RetryReady when the action is
 *       execute_ready_steps, finalize_task or handle_failures; else waits</td></tr>
 *   <tr><td>blocked_by_failures</td><td>GiveUp (the task goes to error)</td></tr>
 * </table>
 *
 * <p>Each call is one transaction that first locks the task row ({@code SELECT … FOR NO KEY UPDATE}), so of two
 * orchestrators advancing the same task one applies the transitions and the other, once the first has committed,
 * sees the result and applies only what is still due (usually nothing). A call that finds nothing due changes
 * nothing, so calling it again is harmless. A concurrent writer that bypasses the lock (a direct task transition)
 * makes the call start over, up to {@value #ATTEMPTS} times. Runs on the given context, inside the caller's
 * transaction if any (the lock is then held until the caller commits).
 */
public final class TaskLifecycle {

    /** How many times {@link #advance} starts over after losing a race to a writer that bypassed the lock. */
    public static final int ATTEMPTS = 5;

    /** An upper bound of transitions in one call; the longest path (waiting_for_retry to error) needs 7. */
    private static final int MAX_MOVES = 16;

    private static final Set<RecommendedAction> SOMETHING_TO_DO = EnumSet.of(RecommendedAction.EXECUTE_READY_STEPS,
            RecommendedAction.FINALIZE_TASK, RecommendedAction.HANDLE_FAILURES);
    private static final List<String> FINISHED = List.of(StepState.COMPLETE.databaseValue(),
            StepState.RESOLVED_MANUALLY.databaseValue(), StepState.ERROR.databaseValue());

    private final DSLContext ctx;

    /** Task lifecycle calls on {@code ctx}. */
    public TaskLifecycle(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Applies what task {@code task}'s execution context calls for (see the type's description) and returns what it
     * did, including the steps it enqueued. {@link NotFoundException} if there is no such task.
     */
    public TaskAdvance advance(UUID task) {
        Arguments.required("task", task);
        for (int attempt = 1; ; attempt++) {
            try {
                return DaoErrors.call("advance task " + task, () -> Atomic.run(ctx, bound -> new Run(bound, task)
                        .advance()));
            } catch (ConflictException lost) {
                if (attempt >= ATTEMPTS) {
                    throw lost;
                }
            }
        }
    }

    /** One advance inside its transaction. */
    private static final class Run {

        private final DSLContext bound;
        private final UUID task;
        private final TaskTransitionDao transitions;
        private final TaskExecutionContextDao contexts;
        private final List<TaskTransition> applied = new ArrayList<>();
        private final List<EnqueuedStep> enqueued = new ArrayList<>();

        Run(DSLContext bound, UUID task) {
            this.bound = bound;
            this.task = task;
            this.transitions = new TaskTransitionDao(bound);
            this.contexts = new TaskExecutionContextDao(bound);
        }

        TaskAdvance advance() {
            bound.select(TASKER_TASKS.TASK_UUID).from(TASKER_TASKS).where(TASKER_TASKS.TASK_UUID.eq(task))
                    .forNoKeyUpdate().fetchOptional().orElseThrow(() -> new NotFoundException("task", task));
            TaskExecutionContext context = context();
            TaskState from = context.status();
            TaskState state = from;
            for (int move = 0; move < MAX_MOVES && !state.isTerminal(); move++) {
                Optional<TaskEvent> event = next(state, context);
                if (event.isEmpty()) {
                    break;
                }
                TaskTransition written = transitions.transition(task, event.get());
                applied.add(written);
                state = written.toState();
                if (event.get() instanceof TaskEvent.StepsEnqueued) {
                    context = context();  // only enqueueing changes the step counts under the task lock
                }
            }
            return new TaskAdvance(task, from, state, applied, enqueued, context.recommendedAction());
        }

        private TaskExecutionContext context() {
            return contexts.forTask(task).orElseThrow(() -> new NotFoundException("task", task));
        }

        /** The event {@code state} and {@code context} call for; empty if the task has to wait. */
        private Optional<TaskEvent> next(TaskState state, TaskExecutionContext context) {
            RecommendedAction action = context.recommendedAction();
            return Optional.ofNullable(switch (state) {
                case PENDING -> TaskEvent.Signal.START;
                case INITIALIZING -> context.totalSteps() == 0 ? TaskEvent.Signal.NO_STEPS_FOUND
                        : action == RecommendedAction.EXECUTE_READY_STEPS
                                ? new TaskEvent.ReadyStepsFound((int) context.readySteps())
                                : TaskEvent.Signal.NO_DEPENDENCIES_READY;
                case ENQUEUING_STEPS -> new TaskEvent.StepsEnqueued(enqueueReadySteps());
                case STEPS_IN_PROCESS -> fromStepsInProcess(context);
                case EVALUATING_RESULTS -> switch (action) {
                    case HANDLE_FAILURES -> new TaskEvent.PermanentFailure(context.failedSteps()
                            + " step(s) failed with no attempts left");
                    case FINALIZE_TASK -> TaskEvent.Signal.ALL_STEPS_SUCCESSFUL;
                    case EXECUTE_READY_STEPS -> new TaskEvent.ReadyStepsFound((int) context.readySteps());
                    case WAIT_FOR_COMPLETION, WAIT_FOR_DEPENDENCIES -> TaskEvent.Signal.NO_DEPENDENCIES_READY;
                };
                case WAITING_FOR_DEPENDENCIES -> SOMETHING_TO_DO.contains(action)
                        ? TaskEvent.Signal.DEPENDENCIES_READY : null;
                case WAITING_FOR_RETRY -> SOMETHING_TO_DO.contains(action) ? TaskEvent.Signal.RETRY_READY : null;
                case BLOCKED_BY_FAILURES -> TaskEvent.Signal.GIVE_UP;
                case COMPLETE, ERROR, CANCELLED, RESOLVED_MANUALLY -> null;
            });
        }

        private TaskEvent fromStepsInProcess(TaskExecutionContext context) {
            RecommendedAction action = context.recommendedAction();
            if (action == RecommendedAction.FINALIZE_TASK) {
                return TaskEvent.Signal.ALL_STEPS_COMPLETED;
            }
            if (action == RecommendedAction.HANDLE_FAILURES) {
                return finishedLast();
            }
            Optional<UUID> waitingForRetry = uncounted(context) == 0 ? Optional.empty() : readiness().stream()
                    .filter(step -> step.currentState() == StepState.WAITING_FOR_RETRY)
                    .map(StepReadiness::workflowStepUuid).findFirst();
            if (waitingForRetry.isPresent()) {
                return new TaskEvent.StepFailed(waitingForRetry.get());
            }
            return action == RecommendedAction.EXECUTE_READY_STEPS ? finishedLast() : null;
        }

        /** StepCompleted(the step finished last), or AllStepsCompleted if none has finished. */
        private TaskEvent finishedLast() {
            return lastFinishedStep().<TaskEvent>map(TaskEvent.StepCompleted::new)
                    .orElse(TaskEvent.Signal.ALL_STEPS_COMPLETED);
        }

        /** The steps the context counts only in the total: waiting for retry or cancelled. */
        private static long uncounted(TaskExecutionContext context) {
            return context.totalSteps() - context.pendingSteps() - context.inProgressSteps() - context.completedSteps()
                    - context.failedSteps() - context.enqueuedSteps();
        }

        /** Enqueues every ready step (waiting for retry: Retry first); returns their uuids. */
        private List<UUID> enqueueReadySteps() {
            StepTransitionDao steps = new StepTransitionDao(bound);
            List<UUID> uuids = new ArrayList<>();
            for (StepReadiness step : readiness()) {
                if (!step.readyForExecution()) {
                    continue;
                }
                if (step.currentState() == StepState.WAITING_FOR_RETRY) {
                    steps.transition(step.workflowStepUuid(), StepEvent.Signal.RETRY, StepAttribution.NONE);
                }
                steps.transition(step.workflowStepUuid(), StepEvent.Signal.ENQUEUE, StepAttribution.NONE);
                uuids.add(step.workflowStepUuid());
                enqueued.add(new EnqueuedStep(step.workflowStepUuid(), task, step.name(), step.attempts()));
            }
            return uuids;
        }

        private List<StepReadiness> readiness() {
            return new StepReadinessDao(bound).forTask(task);
        }

        /** The step of the task whose current transition into complete, resolved_manually or error is newest. */
        private Optional<UUID> lastFinishedStep() {
            var t = TASKER_WORKFLOW_STEP_TRANSITIONS;
            return bound.select(t.WORKFLOW_STEP_UUID).from(t)
                    .join(TASKER_WORKFLOW_STEPS).on(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID.eq(t.WORKFLOW_STEP_UUID))
                    .where(TASKER_WORKFLOW_STEPS.TASK_UUID.eq(task), t.MOST_RECENT.isTrue(), t.TO_STATE.in(FINISHED))
                    .orderBy(t.SORT_KEY.desc(), t.CREATED_AT.desc()).limit(1)
                    .fetchOptional(t.WORKFLOW_STEP_UUID);
        }
    }
}

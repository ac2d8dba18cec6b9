package dev.tasker.dao.tasker.transitions;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_EDGES;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_RESULT_AUDIT;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_TRANSITIONS;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepGuards;
import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.StepStateMachine;
import dev.tasker.dao.tasker.steps.WorkflowStepDao;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.schema.tasker.generated.tables.TaskerWorkflowStepTransitions;
import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepTransitionsRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Workflow-step transitions (tasker-schema.md §7.2, §7.3) on the caller's jOOQ context: state-machine-checked
 * transitions with their guards and column side effects and pruning, plus the reads of {@link TransitionDao}
 * (history, current state).
 */
public final class StepTransitionDao extends TransitionDao<StepTransition, StepState> {

    static final TransitionLog<TaskerWorkflowStepTransitionsRecord, StepTransition> LOG = new TransitionLog<>(
            "workflow step",
            TASKER_WORKFLOW_STEP_TRANSITIONS, TASKER_WORKFLOW_STEP_TRANSITIONS.WORKFLOW_STEP_TRANSITION_UUID,
            TASKER_WORKFLOW_STEP_TRANSITIONS.WORKFLOW_STEP_UUID, TASKER_WORKFLOW_STEP_TRANSITIONS.TO_STATE,
            TASKER_WORKFLOW_STEP_TRANSITIONS.FROM_STATE, TASKER_WORKFLOW_STEP_TRANSITIONS.METADATA,
            TASKER_WORKFLOW_STEP_TRANSITIONS.SORT_KEY, TASKER_WORKFLOW_STEP_TRANSITIONS.MOST_RECENT,
            TASKER_WORKFLOW_STEP_TRANSITIONS.CREATED_AT, TASKER_WORKFLOW_STEP_TRANSITIONS.UPDATED_AT,
            StepTransition::of);

    private static final List<String> SATISFYING = Arrays.stream(StepState.values())
            .filter(StepState::satisfiesDependencies).map(StepState::databaseValue).toList();

    /** Transitions through {@code ctx} (the caller's connection, transaction or pool). */
    public StepTransitionDao(DSLContext ctx) {
        super(ctx, LOG, "step", StepTransition::toState, StepState::fromDatabase);
    }

    /** {@link #transition(UUID, StepEvent, StepAttribution)} without attribution. */
    public StepTransition transition(UUID step, StepEvent event) {
        return transition(step, event, StepAttribution.NONE);
    }

    /**
     * Moves workflow step {@code step} by {@code event}, attributed to {@code attribution}; returns the new current
     * transition. All or nothing: reads the current state, the step's {@code in_process} and its parents' current
     * states in one query, refuses what the state machine or its guards forbid ({@link IllegalTransitionException},
     * nothing written), appends the transition (§7.3) with the metadata of §7.2, and writes the target state's
     * column side effects ({@code ResetForRetry} also sets {@code attempts = 0}). If a concurrent transition of the
     * step becomes current first: {@link ConflictException}, nothing written. {@link NotFoundException} if the step
     * does not exist.
     */
    public StepTransition transition(UUID step, StepEvent event, StepAttribution attribution) {
        Arguments.required("step", step);
        Arguments.required("event", event);
        Arguments.required("attribution", attribution);
        JSONB metadata = attribution.metadata(event, Instant.now());
        return DaoErrors.call("transition workflow step", () -> Atomic.run(ctx, bound -> {
            Field<Integer> maxSortKey = LOG.maxSortKey(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID);
            Field<Integer> unmetParents = unmetParents();
            var row = bound.select(TASKER_WORKFLOW_STEP_TRANSITIONS.TO_STATE, TASKER_WORKFLOW_STEP_TRANSITIONS.SORT_KEY,
                            maxSortKey, TASKER_WORKFLOW_STEPS.IN_PROCESS, unmetParents)
                    .from(TASKER_WORKFLOW_STEPS)
                    .leftJoin(TASKER_WORKFLOW_STEP_TRANSITIONS)
                    .on(LOG.currentOf(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID))
                    .where(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID.eq(step))
                    .fetchOptional()
                    .orElseThrow(() -> new NotFoundException("workflow step", step));
            TransitionLog.Snapshot read = LOG.snapshot(row, maxSortKey);
            Optional<StepState> from = read.state().map(StepState::fromDatabase);
            StepState to = StepStateMachine.next(step, from, event,
                    new StepGuards(row.get(unmetParents), row.get(TASKER_WORKFLOW_STEPS.IN_PROCESS)));
            StepTransition written = LOG.append(bound, step, read,
                    from.map(StepState::databaseValue).orElse(null), to.databaseValue(), metadata, Map.of());
            StepSideEffects.apply(bound, step, to, event);
            return written;
        }));
    }

    /**
     * What a worker does when it picks up an enqueued step (tasker-schema.md §7.2, "Attempts"): the Start
     * transition ({@code enqueued → in_progress}, or legacy {@code pending → in_progress}) and, right after it, the
     * claim of {@link WorkflowStepDao#claim} ({@code attempts + 1}, {@code last_attempted_at = now()}), all or
     * nothing. Refusals as for {@link #transition(UUID, StepEvent, StepAttribution)}: when the transition is
     * refused or loses a race, the attempt is not counted either.
     */
    public ClaimedStep startAndClaim(UUID step, StepAttribution attribution) {
        Arguments.required("step", step);
        Arguments.required("attribution", attribution);
        return DaoErrors.call("start and claim workflow step", () -> Atomic.run(ctx, bound -> {
            StepTransition started = new StepTransitionDao(bound).transition(step, StepEvent.Signal.START,
                    attribution);
            return new ClaimedStep(started, new WorkflowStepDao(bound).claim(step));
        }));
    }

    /**
     * Deletes all but the {@code keep} (at least 1) newest transitions of {@code step}; returns how many went.
     * Transitions a result-audit row refers to are kept, so the audit trail stays intact.
     */
    public int prune(UUID step, int keep) {
        Arguments.required("step", step);
        return DaoErrors.call("prune workflow step transitions", () -> LOG.prune(ctx, step, keep,
                DSL.exists(DSL.selectOne().from(TASKER_WORKFLOW_STEP_RESULT_AUDIT)
                        .where(TASKER_WORKFLOW_STEP_RESULT_AUDIT.WORKFLOW_STEP_TRANSITION_UUID
                                .eq(TASKER_WORKFLOW_STEP_TRANSITIONS.WORKFLOW_STEP_TRANSITION_UUID)))));
    }

    /**
     * The number of parents of the outer step whose current state does not satisfy dependencies (a parent without
     * transitions counts as pending), as a scalar subquery.
     */
    private static Field<Integer> unmetParents() {
        TaskerWorkflowStepTransitions parent = TASKER_WORKFLOW_STEP_TRANSITIONS.as("parent_current");
        return DSL.field(DSL.selectCount().from(TASKER_WORKFLOW_STEP_EDGES)
                .leftJoin(parent).on(parent.WORKFLOW_STEP_UUID.eq(TASKER_WORKFLOW_STEP_EDGES.FROM_STEP_UUID),
                        parent.MOST_RECENT.isTrue())
                .where(TASKER_WORKFLOW_STEP_EDGES.TO_STEP_UUID.eq(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID))
                .and(parent.TO_STATE.isNull().or(parent.TO_STATE.notIn(SATISFYING))));
    }
}

package dev.tasker.dao.tasker.transitions;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_TRANSITIONS;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.state.TaskStateMachine;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskTransitionsRecord;
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
 * Task transitions (tasker-schema.md §7.1, §7.3) on the caller's jOOQ context: state-machine-checked transitions
 * with their side effects and pruning, plus the reads of {@link TransitionDao} (history, current state).
 */
public final class TaskTransitionDao extends TransitionDao<TaskTransition, TaskState> {

    static final TransitionLog<TaskerTaskTransitionsRecord, TaskTransition> LOG = new TransitionLog<>("task",
            TASKER_TASK_TRANSITIONS, TASKER_TASK_TRANSITIONS.TASK_TRANSITION_UUID, TASKER_TASK_TRANSITIONS.TASK_UUID,
            TASKER_TASK_TRANSITIONS.TO_STATE, TASKER_TASK_TRANSITIONS.FROM_STATE, TASKER_TASK_TRANSITIONS.METADATA,
            TASKER_TASK_TRANSITIONS.SORT_KEY, TASKER_TASK_TRANSITIONS.MOST_RECENT,
            TASKER_TASK_TRANSITIONS.CREATED_AT, TASKER_TASK_TRANSITIONS.UPDATED_AT, TaskTransition::of);

    /** Transitions through {@code ctx} (the caller's connection, transaction or pool). */
    public TaskTransitionDao(DSLContext ctx) {
        super(ctx, LOG, "task", TaskTransition::toState, TaskState::fromDatabase);
    }

    /** {@link #transition(UUID, TaskEvent, UUID)} without a processor. */
    public TaskTransition transition(UUID task, TaskEvent event) {
        return write(task, event, Map.of());
    }

    /**
     * Moves task {@code task} by {@code event}, recording {@code processor} as the processor; returns the new
     * current transition. All or nothing: reads the current state, refuses a transition the state machine forbids
     * ({@link IllegalTransitionException}, nothing written), appends the transition (§7.3) and, on entering
     * complete, sets the task's {@code complete = true} and {@code completed_at = now()}. If a concurrent transition
     * of the task becomes current first: {@link ConflictException}, nothing written. {@link NotFoundException} if
     * the task does not exist.
     */
    public TaskTransition transition(UUID task, TaskEvent event, UUID processor) {
        return write(task, event, Map.of(TASKER_TASK_TRANSITIONS.PROCESSOR_UUID,
                Arguments.required("processor", processor)));
    }

    /** Deletes all but the {@code keep} (at least 1) newest transitions of {@code task}; returns how many went. */
    public int prune(UUID task, int keep) {
        Arguments.required("task", task);
        return DaoErrors.call("prune task transitions", () -> LOG.prune(ctx, task, keep, DSL.falseCondition()));
    }

    private TaskTransition write(UUID task, TaskEvent event, Map<? extends Field<?>, ?> extra) {
        Arguments.required("task", task);
        Arguments.required("event", event);
        return DaoErrors.call("transition task", () -> Atomic.run(ctx, bound -> {
            Field<Integer> maxSortKey = LOG.maxSortKey(TASKER_TASKS.TASK_UUID);
            TransitionLog.Snapshot read = bound
                    .select(TASKER_TASK_TRANSITIONS.TO_STATE, TASKER_TASK_TRANSITIONS.SORT_KEY, maxSortKey)
                    .from(TASKER_TASKS)
                    .leftJoin(TASKER_TASK_TRANSITIONS).on(LOG.currentOf(TASKER_TASKS.TASK_UUID))
                    .where(TASKER_TASKS.TASK_UUID.eq(task))
                    .fetchOptional()
                    .map(row -> LOG.snapshot(row, maxSortKey))
                    .orElseThrow(() -> new NotFoundException("task", task));
            Optional<TaskState> from = read.state().map(TaskState::fromDatabase);
            TaskState to = TaskStateMachine.next(task, from, event);
            TaskTransition written = LOG.append(bound, task, read,
                    from.map(TaskState::databaseValue).orElse(null), to.databaseValue(), event.metadata(), extra);
            if (to == TaskState.COMPLETE) {
                bound.update(TASKER_TASKS)
                        .set(TASKER_TASKS.COMPLETE, true)
                        .set(TASKER_TASKS.COMPLETED_AT, DSL.currentLocalDateTime())
                        .set(TASKER_TASKS.UPDATED_AT, DSL.currentLocalDateTime())
                        .where(TASKER_TASKS.TASK_UUID.eq(task))
                        .execute();
            }
            return written;
        }));
    }
}

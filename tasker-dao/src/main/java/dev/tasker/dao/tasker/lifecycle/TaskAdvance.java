package dev.tasker.dao.tasker.lifecycle;

import dev.tasker.dao.tasker.readiness.RecommendedAction;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.transitions.TaskTransition;
import java.util.List;
import java.util.UUID;

/**
 * What one {@link TaskLifecycle#advance} did to a task.
 *
 * @param taskUuid    the task
 * @param from        its state before the call
 * @param state       its state after the call
 * @param transitions the task transitions this call applied, oldest first (empty: nothing was due)
 * @param enqueued    the steps this call moved to {@code enqueued}, to be handed to workers
 * @param action      the recommended action of the task's execution context when the call ended
 */
public record TaskAdvance(UUID taskUuid, TaskState from, TaskState state, List<TaskTransition> transitions,
        List<EnqueuedStep> enqueued, RecommendedAction action) {

    /** Copies the lists. */
    public TaskAdvance {
        transitions = List.copyOf(transitions);
        enqueued = List.copyOf(enqueued);
    }

    /** Whether this call applied any transition. */
    public boolean changed() {
        return !transitions.isEmpty();
    }

    /** Whether the task is in a terminal state (complete, error, cancelled, resolved manually) now. */
    public boolean finished() {
        return state.isTerminal();
    }

    /** Whether this very call moved the task into {@code complete}. */
    public boolean completedNow() {
        return changed() && state == TaskState.COMPLETE;
    }
}

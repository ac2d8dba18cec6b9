package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.DetectAndTransitionStaleTasksRecord;
import java.util.UUID;

/**
 * A row of {@code detect_and_transition_stale_tasks} (tasker-schema.md §6.9): what the sweep did, or would do, to
 * one stale task.
 *
 * @param taskUuid                  the task
 * @param namespaceName             its namespace
 * @param taskName                  its named task
 * @param currentState              its state when found stale
 * @param timeInStateMinutes        whole minutes in that state
 * @param stalenessThresholdMinutes the threshold that applied
 * @param action                    what was done
 * @param movedToDlq                a DLQ entry was created
 * @param transitionSuccess         the task was moved to error
 */
public record StaleTaskOutcome(UUID taskUuid, String namespaceName, String taskName, TaskState currentState,
                               int timeInStateMinutes, int stalenessThresholdMinutes, StaleTaskAction action,
                               boolean movedToDlq, boolean transitionSuccess) {

    static StaleTaskOutcome of(DetectAndTransitionStaleTasksRecord row) {
        return new StaleTaskOutcome(row.getTaskUuid(), row.getNamespaceName(), row.getTaskName(),
                TaskState.fromDatabase(row.getCurrentState()), row.getTimeInStateMinutes(),
                row.getStalenessThresholdMinutes(), StaleTaskAction.fromDatabase(row.getActionTaken()),
                Boolean.TRUE.equals(row.getMovedToDlq()), Boolean.TRUE.equals(row.getTransitionSuccess()));
    }
}

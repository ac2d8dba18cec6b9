package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskTransitionsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_task_transitions}.
 *
 * @param transitionUuid     the transition's key
 * @param taskUuid           the task
 * @param fromState          the state it left (empty for a first transition)
 * @param toState            the state it entered
 * @param metadata           {@code {"event": "<event>"}} for transitions written by the state machine
 * @param sortKey            its position in the task's history (1, 2, …)
 * @param mostRecent         whether it is the task's current transition
 * @param processorUuid      the processor that wrote it, if given
 * @param transitionMetadata filled only by the SQL path {@code transition_task_state_atomic} (quirk Q5)
 * @param createdAt          when it was written (database time)
 * @param updatedAt          when it was last changed (database time)
 */
public record TaskTransition(UUID transitionUuid, UUID taskUuid, Optional<TaskState> fromState, TaskState toState,
        JSONB metadata, int sortKey, boolean mostRecent, Optional<UUID> processorUuid, JSONB transitionMetadata,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static TaskTransition of(TaskerTaskTransitionsRecord row) {
        return new TaskTransition(row.getTaskTransitionUuid(), row.getTaskUuid(),
                Optional.ofNullable(row.getFromState()).map(TaskState::fromDatabase),
                TaskState.fromDatabase(row.getToState()), row.getMetadata(), row.getSortKey(), row.getMostRecent(),
                Optional.ofNullable(row.getProcessorUuid()), row.getTransitionMetadata(), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}

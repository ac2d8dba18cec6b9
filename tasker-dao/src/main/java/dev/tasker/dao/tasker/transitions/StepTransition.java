package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepTransitionsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_workflow_step_transitions}.
 *
 * @param transitionUuid the transition's key
 * @param stepUuid       the workflow step
 * @param fromState      the state it left (empty for a first transition)
 * @param toState        the state it entered
 * @param metadata       {@code {"event": "<event JSON>", "timestamp": "<RFC 3339>"}} plus optional attribution
 * @param sortKey        its position in the step's history (1, 2, …)
 * @param mostRecent     whether it is the step's current transition
 * @param createdAt      when it was written (database time)
 * @param updatedAt      when it was last changed (database time)
 */
public record StepTransition(UUID transitionUuid, UUID stepUuid, Optional<StepState> fromState, StepState toState,
        JSONB metadata, int sortKey, boolean mostRecent, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static StepTransition of(TaskerWorkflowStepTransitionsRecord row) {
        return new StepTransition(row.getWorkflowStepTransitionUuid(), row.getWorkflowStepUuid(),
                Optional.ofNullable(row.getFromState()).map(StepState::fromDatabase),
                StepState.fromDatabase(row.getToState()), row.getMetadata(), row.getSortKey(), row.getMostRecent(),
                row.getCreatedAt(), row.getUpdatedAt());
    }
}

package dev.tasker.dao.tasker.steps;

import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_workflow_steps}: one step of a task. {@code attempts} and {@code maxAttempts} are
 * nullable columns and so {@code Optional}; the SQL functions read a missing {@code attempts} as 0.
 */
public record WorkflowStep(UUID uuid, UUID taskUuid, UUID namedStepUuid, boolean retryable,
        Optional<Integer> maxAttempts, boolean inProcess, boolean processed, Optional<LocalDateTime> processedAt,
        Optional<Integer> attempts, Optional<LocalDateTime> lastAttemptedAt, Optional<Integer> backoffRequestSeconds,
        Optional<JSONB> inputs, Optional<JSONB> results, boolean skippable, int priority, Optional<JSONB> checkpoint,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static WorkflowStep from(TaskerWorkflowStepsRecord row) {
        return new WorkflowStep(row.getWorkflowStepUuid(), row.getTaskUuid(), row.getNamedStepUuid(),
                row.getRetryable(), Optional.ofNullable(row.getMaxAttempts()), row.getInProcess(), row.getProcessed(),
                Optional.ofNullable(row.getProcessedAt()), Optional.ofNullable(row.getAttempts()),
                Optional.ofNullable(row.getLastAttemptedAt()), Optional.ofNullable(row.getBackoffRequestSeconds()),
                Optional.ofNullable(row.getInputs()), Optional.ofNullable(row.getResults()), row.getSkippable(),
                row.getPriority(), Optional.ofNullable(row.getCheckpoint()), row.getCreatedAt(), row.getUpdatedAt());
    }
}

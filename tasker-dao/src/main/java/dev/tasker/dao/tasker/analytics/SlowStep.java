package dev.tasker.dao.tasker.analytics;

import dev.tasker.schema.tasker.generated.tables.records.GetSlowestStepsRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code get_slowest_steps} (tasker-schema.md §6.11): a completed step and how long it took.
 *
 * @param workflowStepUuid the step
 * @param taskUuid         its task
 * @param stepName         its named step
 * @param taskName         its named task
 * @param namespaceName    its namespace
 * @param version          its named task's version
 * @param durationSeconds  from step creation to completion, three decimals
 * @param attempts         the step's attempts as stored, if set
 * @param createdAt        step creation
 * @param completedAt      the complete transition's time
 * @param retryable        the step's retryable flag
 * @param stepStatus       its current state (always {@code complete})
 */
public record SlowStep(UUID workflowStepUuid, UUID taskUuid, String stepName, String taskName, String namespaceName,
                       String version, BigDecimal durationSeconds, Optional<Integer> attempts,
                       LocalDateTime createdAt, LocalDateTime completedAt, boolean retryable, String stepStatus) {

    static SlowStep of(GetSlowestStepsRecord row) {
        return new SlowStep(row.getWorkflowStepUuid(), row.getTaskUuid(), row.getStepName(), row.getTaskName(),
                row.getNamespaceName(), row.getVersion(), row.getDurationSeconds(),
                Optional.ofNullable(row.getAttempts()), row.getCreatedAt(), row.getCompletedAt(),
                Boolean.TRUE.equals(row.getRetryable()), row.getStepStatus());
    }
}

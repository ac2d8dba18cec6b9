package dev.tasker.dao.tasker.analytics;

import dev.tasker.schema.tasker.generated.tables.records.GetSlowestTasksRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code get_slowest_tasks} (tasker-schema.md §6.11): a task and how long its steps took to finish.
 *
 * @param taskUuid        the task
 * @param taskName        its named task
 * @param namespaceName   its namespace
 * @param version         its named task's version
 * @param durationSeconds from task creation to its last completed or failed step, three decimals
 * @param stepCount       all its steps
 * @param completedSteps  steps complete
 * @param errorSteps      steps in error
 * @param createdAt       task creation
 * @param completedAt     the latest complete/error step transition (not the task's completed_at)
 * @param initiator       the task's initiator, if set
 * @param sourceSystem    the task's source system, if set
 */
public record SlowTask(UUID taskUuid, String taskName, String namespaceName, String version,
                       BigDecimal durationSeconds, long stepCount, long completedSteps, long errorSteps,
                       LocalDateTime createdAt, LocalDateTime completedAt, Optional<String> initiator,
                       Optional<String> sourceSystem) {

    static SlowTask of(GetSlowestTasksRecord row) {
        return new SlowTask(row.getTaskUuid(), row.getTaskName(), row.getNamespaceName(), row.getVersion(),
                row.getDurationSeconds(), row.getStepCount(), row.getCompletedSteps(), row.getErrorSteps(),
                row.getCreatedAt(), row.getCompletedAt(), Optional.ofNullable(row.getInitiator()),
                Optional.ofNullable(row.getSourceSystem()));
    }
}

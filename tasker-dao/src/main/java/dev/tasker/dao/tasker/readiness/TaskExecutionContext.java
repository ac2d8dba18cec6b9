package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.GetTaskExecutionContextsBatchRecord;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One row of {@code get_task_execution_context} / {@code get_task_execution_contexts_batch} (tasker-schema.md
 * §6.4): a task's step counts and what the orchestrator should do next.
 *
 * @param taskUuid             the task
 * @param namedTaskUuid        its named task
 * @param status               the task's current state ({@link TaskState#PENDING} without a transition)
 * @param totalSteps           all steps
 * @param pendingSteps         steps in {@code pending}
 * @param inProgressSteps      steps in {@code in_progress}
 * @param completedSteps       steps complete or resolved manually
 * @param failedSteps          steps in {@code error}
 * @param readySteps           steps ready for execution
 * @param executionStatus      the derived execution status
 * @param recommendedAction    the derived next action
 * @param completionPercentage completed / total × 100, two decimals (0 without steps)
 * @param healthStatus         the derived health
 * @param enqueuedSteps        steps enqueued for a worker or for orchestration (as error included)
 */
public record TaskExecutionContext(UUID taskUuid, UUID namedTaskUuid, TaskState status, long totalSteps,
                                   long pendingSteps, long inProgressSteps, long completedSteps, long failedSteps,
                                   long readySteps, ExecutionStatus executionStatus,
                                   RecommendedAction recommendedAction, BigDecimal completionPercentage,
                                   HealthStatus healthStatus, long enqueuedSteps) {

    static TaskExecutionContext of(GetTaskExecutionContextsBatchRecord row) {
        return new TaskExecutionContext(row.getTaskUuid(), row.getNamedTaskUuid(),
                TaskState.fromDatabase(row.getStatus()), row.getTotalSteps(), row.getPendingSteps(),
                row.getInProgressSteps(), row.getCompletedSteps(), row.getFailedSteps(), row.getReadySteps(),
                ExecutionStatus.fromDatabase(row.getExecutionStatus()),
                RecommendedAction.fromDatabase(row.getRecommendedAction()), row.getCompletionPercentage(),
                HealthStatus.fromDatabase(row.getHealthStatus()), row.getEnqueuedSteps());
    }
}

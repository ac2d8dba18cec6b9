package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.GetNextReadyTasksRecord;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One row of {@code get_next_ready_tasks}, {@code get_next_ready_task} or {@code get_task_ready_info}
 * (tasker-schema.md §6.7): a task that may be claimed, with its computed priority.
 *
 * @param taskUuid         the task
 * @param taskName         its named task's name
 * @param priority         the task's own priority
 * @param namespaceName    its namespace's name
 * @param readyStepsCount  steps ready for execution
 * @param computedPriority the priority after ageing and decay
 * @param currentState     the task's current state
 */
public record ReadyTask(UUID taskUuid, String taskName, int priority, String namespaceName, long readyStepsCount,
                        BigDecimal computedPriority, TaskState currentState) {

    static ReadyTask of(GetNextReadyTasksRecord row) {
        return new ReadyTask(row.getTaskUuid(), row.getTaskName(), row.getPriority(), row.getNamespaceName(),
                row.getReadyStepsCount(), row.getComputedPriority(), TaskState.fromDatabase(row.getCurrentState()));
    }
}

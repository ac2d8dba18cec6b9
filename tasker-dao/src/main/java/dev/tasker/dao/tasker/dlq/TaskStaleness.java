package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.VTaskStalenessMonitoringRecord;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A row of {@code v_task_staleness_monitoring} (tasker-schema.md §4.3): an unfinished task in a stale-able state
 * against its threshold.
 *
 * @param taskUuid                  the task
 * @param namespaceName             its namespace
 * @param taskName                  its named task
 * @param currentState              waiting for dependencies, waiting for retry or steps in process
 * @param timeInStateMinutes        fractional minutes in that state
 * @param taskAgeMinutes            fractional minutes since the task row was created
 * @param stalenessThresholdMinutes the threshold (template override or default)
 * @param health                    healthy, warning (≥ 80 %) or stale (≥ 100 %)
 * @param priority                  the task's priority
 */
public record TaskStaleness(UUID taskUuid, String namespaceName, String taskName, TaskState currentState,
                            BigDecimal timeInStateMinutes, BigDecimal taskAgeMinutes, int stalenessThresholdMinutes,
                            StalenessHealth health, int priority) {

    static TaskStaleness of(VTaskStalenessMonitoringRecord row) {
        return new TaskStaleness(row.getTaskUuid(), row.getNamespaceName(), row.getTaskName(),
                TaskState.fromDatabase(row.getCurrentState()), row.getTimeInStateMinutes(), row.getTaskAgeMinutes(),
                row.getStalenessThresholdMinutes(), StalenessHealth.fromDatabase(row.getHealthStatus()),
                row.getPriority());
    }
}

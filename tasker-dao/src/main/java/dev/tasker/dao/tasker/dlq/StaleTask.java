package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.GetStaleTasksForDlqRecord;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A row of {@code get_stale_tasks_for_dlq} (tasker-schema.md §6.9): a task over its staleness threshold or its
 * maximum lifetime, without a pending DLQ entry.
 *
 * @param taskUuid           the task
 * @param namespaceName      its namespace
 * @param taskName           its named task
 * @param currentState       its stale-able state
 * @param timeInStateMinutes fractional minutes in that state
 * @param thresholdMinutes   the threshold that applied
 * @param taskAgeMinutes     fractional minutes since the task row was created
 */
public record StaleTask(UUID taskUuid, String namespaceName, String taskName, TaskState currentState,
                        BigDecimal timeInStateMinutes, int thresholdMinutes, BigDecimal taskAgeMinutes) {

    static StaleTask of(GetStaleTasksForDlqRecord row) {
        return new StaleTask(row.getTaskUuid(), row.getNamespaceName(), row.getTaskName(),
                TaskState.fromDatabase(row.getCurrentState()), row.getTimeInStateMinutes(), row.getThresholdMinutes(),
                row.getTaskAgeMinutes());
    }
}

package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.VDlqInvestigationQueueRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code v_dlq_investigation_queue} (tasker-schema.md §4.4): a pending entry with its priority score.
 * The names, state and minutes come from the entry's snapshot and metadata and are empty where those lack them.
 *
 * @param dlqEntryUuid       the entry
 * @param taskUuid           its task
 * @param originalState      the task's state when queued
 * @param reason             why it was queued
 * @param dlqTimestamp       when it was queued
 * @param minutesInDlq       minutes since then
 * @param namespaceName      the snapshot's namespace
 * @param taskName           the snapshot's task name
 * @param currentState       the snapshot's state
 * @param timeInStateMinutes the metadata's minutes in state
 * @param priorityScore      reason weight + minutes in the queue
 */
public record DlqInvestigationItem(UUID dlqEntryUuid, UUID taskUuid, TaskState originalState, DlqReason reason,
                                   LocalDateTime dlqTimestamp, BigDecimal minutesInDlq,
                                   Optional<String> namespaceName, Optional<String> taskName,
                                   Optional<TaskState> currentState, Optional<Integer> timeInStateMinutes,
                                   BigDecimal priorityScore) {

    static DlqInvestigationItem of(VDlqInvestigationQueueRecord row) {
        return new DlqInvestigationItem(row.getDlqEntryUuid(), row.getTaskUuid(),
                TaskState.fromDatabase(row.getOriginalState()), DlqReason.of(row.getDlqReason()),
                row.getDlqTimestamp(), row.getMinutesInDlq(), Optional.ofNullable(row.getNamespaceName()),
                Optional.ofNullable(row.getTaskName()),
                Optional.ofNullable(row.getCurrentState()).map(TaskState::fromDatabase),
                Optional.ofNullable(row.getTimeInStateMinutes()), row.getPriorityScore());
    }
}

package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTasksDlqRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_tasks_dlq} (tasker-schema.md §2.14).
 *
 * @param dlqEntryUuid        the entry
 * @param taskUuid            the task it concerns
 * @param originalState       the task's state when it was put into the queue
 * @param reason              why
 * @param dlqTimestamp        when
 * @param resolutionStatus    where it stands
 * @param resolutionTimestamp when it was resolved, if it was
 * @param resolutionNotes     notes of the resolution, if any
 * @param resolvedBy          who resolved it, if anyone
 * @param taskSnapshot        the task as it was (JSON object)
 * @param metadata            detection metadata, if any
 * @param createdAt           row creation
 * @param updatedAt           last row update
 */
public record DlqEntry(UUID dlqEntryUuid, UUID taskUuid, TaskState originalState, DlqReason reason,
                       LocalDateTime dlqTimestamp, DlqResolutionStatus resolutionStatus,
                       Optional<LocalDateTime> resolutionTimestamp, Optional<String> resolutionNotes,
                       Optional<String> resolvedBy, JSONB taskSnapshot, Optional<JSONB> metadata,
                       LocalDateTime createdAt, LocalDateTime updatedAt) {

    static DlqEntry of(TaskerTasksDlqRecord row) {
        return new DlqEntry(row.getDlqEntryUuid(), row.getTaskUuid(), TaskState.fromDatabase(row.getOriginalState()),
                DlqReason.of(row.getDlqReason()), row.getDlqTimestamp(),
                DlqResolutionStatus.of(row.getResolutionStatus()), Optional.ofNullable(row.getResolutionTimestamp()),
                Optional.ofNullable(row.getResolutionNotes()), Optional.ofNullable(row.getResolvedBy()),
                row.getTaskSnapshot(), Optional.ofNullable(row.getMetadata()), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}

package dev.tasker.dao.tasker.tasks;

import dev.tasker.schema.tasker.generated.tables.records.TaskerTasksRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSON;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_tasks}: one run of a named task. {@code bypassSteps} is stored as {@code json} and
 * exposed as {@link JSONB} like every other JSON value of the API.
 */
public record Task(UUID uuid, UUID namedTaskUuid, boolean complete, LocalDateTime requestedAt,
        Optional<LocalDateTime> completedAt, Optional<String> initiator, Optional<String> sourceSystem,
        Optional<String> reason, Optional<JSONB> bypassSteps, Optional<JSONB> tags, Optional<JSONB> context,
        String identityHash, int priority, UUID correlationId, Optional<UUID> parentCorrelationId,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static Task from(TaskerTasksRecord row) {
        JSON bypass = row.getBypassSteps();
        return new Task(row.getTaskUuid(), row.getNamedTaskUuid(), row.getComplete(), row.getRequestedAt(),
                Optional.ofNullable(row.getCompletedAt()), Optional.ofNullable(row.getInitiator()),
                Optional.ofNullable(row.getSourceSystem()), Optional.ofNullable(row.getReason()),
                Optional.ofNullable(bypass).map(json -> JSONB.valueOf(json.data())), Optional.ofNullable(row.getTags()),
                Optional.ofNullable(row.getContext()), row.getIdentityHash(), row.getPriority(),
                row.getCorrelationId(), Optional.ofNullable(row.getParentCorrelationId()), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}

package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerNamedTasksRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A row of {@code tasker_named_tasks}: a task template, unique by namespace, name and version. {@code configuration}
 * may hold per-template settings such as {@code lifecycle} staleness limits.
 */
public record NamedTask(UUID uuid, UUID namespaceUuid, String name, String version, Optional<String> description,
        Optional<JSONB> configuration, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static NamedTask from(TaskerNamedTasksRecord row) {
        return new NamedTask(row.getNamedTaskUuid(), row.getTaskNamespaceUuid(), row.getName(), row.getVersion(),
                Optional.ofNullable(row.getDescription()), Optional.ofNullable(row.getConfiguration()),
                row.getCreatedAt(), row.getUpdatedAt());
    }
}

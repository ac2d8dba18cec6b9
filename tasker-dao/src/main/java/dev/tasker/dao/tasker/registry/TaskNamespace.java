package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskNamespacesRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code tasker_task_namespaces}: a namespace that groups named tasks. */
public record TaskNamespace(UUID uuid, String name, Optional<String> description, LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    static TaskNamespace from(TaskerTaskNamespacesRecord row) {
        return new TaskNamespace(row.getTaskNamespaceUuid(), row.getName(), Optional.ofNullable(row.getDescription()),
                row.getCreatedAt(), row.getUpdatedAt());
    }
}

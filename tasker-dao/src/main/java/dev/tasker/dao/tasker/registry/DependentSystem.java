package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerDependentSystemsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code tasker_dependent_systems}: an external system that named steps talk to. */
public record DependentSystem(UUID uuid, String name, Optional<String> description, LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    static DependentSystem from(TaskerDependentSystemsRecord row) {
        return new DependentSystem(row.getDependentSystemUuid(), row.getName(),
                Optional.ofNullable(row.getDescription()), row.getCreatedAt(), row.getUpdatedAt());
    }
}

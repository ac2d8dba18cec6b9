package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerNamedStepsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code tasker_named_steps}: a step definition, unique by dependent system and name. */
public record NamedStep(UUID uuid, UUID dependentSystemUuid, String name, Optional<String> description,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static NamedStep from(TaskerNamedStepsRecord row) {
        return new NamedStep(row.getNamedStepUuid(), row.getDependentSystemUuid(), row.getName(),
                Optional.ofNullable(row.getDescription()), row.getCreatedAt(), row.getUpdatedAt());
    }
}

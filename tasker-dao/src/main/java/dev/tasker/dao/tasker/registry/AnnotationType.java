package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerAnnotationTypesRecord;
import java.time.LocalDateTime;
import java.util.Optional;

/** A row of {@code tasker_annotation_types}: a kind of task annotation, keyed by a serial id and a unique name. */
public record AnnotationType(int id, String name, Optional<String> description, LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    static AnnotationType from(TaskerAnnotationTypesRecord row) {
        return new AnnotationType(row.getAnnotationTypeId(), row.getName(), Optional.ofNullable(row.getDescription()),
                row.getCreatedAt(), row.getUpdatedAt());
    }
}

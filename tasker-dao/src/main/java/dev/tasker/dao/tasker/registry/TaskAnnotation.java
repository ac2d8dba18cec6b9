package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskAnnotationsRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/** A row of {@code tasker_task_annotations}: a JSON annotation of a task, of an {@link AnnotationType}. */
public record TaskAnnotation(long id, UUID taskUuid, int annotationTypeId, Optional<JSONB> annotation,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static TaskAnnotation from(TaskerTaskAnnotationsRecord row) {
        return new TaskAnnotation(row.getTaskAnnotationId(), row.getTaskUuid(), row.getAnnotationTypeId(),
                Optional.ofNullable(row.getAnnotation()), row.getCreatedAt(), row.getUpdatedAt());
    }
}

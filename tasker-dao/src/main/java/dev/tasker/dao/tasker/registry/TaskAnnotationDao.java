package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_ANNOTATION_TYPES;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_ANNOTATIONS;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskAnnotationsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Task annotations ({@code tasker_task_annotations}): JSON notes attached to a task, each of an annotation type.
 * Runs on the given context, inside the caller's transaction if any.
 */
public final class TaskAnnotationDao {

    private static final Reference TASK = new Reference("tasker_task_annotations_task_uuid_fkey", "task");
    private static final Reference TYPE = new Reference("tasker_task_annotations_annotation_type_id_fkey",
            "annotation type");

    private static final KeyedTable<TaskerTaskAnnotationsRecord, Long, TaskAnnotation> ROWS = new KeyedTable<>(
            "task annotation", "id", TASKER_TASK_ANNOTATIONS, TASKER_TASK_ANNOTATIONS.TASK_ANNOTATION_ID,
            TASKER_TASK_ANNOTATIONS.UPDATED_AT, TaskAnnotation::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public TaskAnnotationDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Adds {@code annotation} (may be null) of type {@code annotationTypeId} to {@code taskUuid}.
     * {@code NotFoundException} if the task or the type does not exist.
     */
    public TaskAnnotation add(UUID taskUuid, int annotationTypeId, JSONB annotation) {
        Arguments.required("taskUuid", taskUuid);
        Arguments.notNegative("annotationTypeId", annotationTypeId);
        return ForeignKeys.call("add task annotation", () -> ctx.insertInto(TASKER_TASK_ANNOTATIONS)
                .set(TASKER_TASK_ANNOTATIONS.TASK_UUID, taskUuid)
                .set(TASKER_TASK_ANNOTATIONS.ANNOTATION_TYPE_ID, annotationTypeId)
                .set(TASKER_TASK_ANNOTATIONS.ANNOTATION, annotation)
                .set(TASKER_TASK_ANNOTATIONS.CREATED_AT, DSL.currentLocalDateTime())
                .set(TASKER_TASK_ANNOTATIONS.UPDATED_AT, DSL.currentLocalDateTime())
                .returning()
                .fetchOne(TaskAnnotation::from), TASK, TYPE);
    }

    /** The annotation {@code id}, if any. */
    public Optional<TaskAnnotation> get(long id) {
        return ROWS.get(ctx, Arguments.notNegative("id", id));
    }

    /** The annotations of {@code taskUuid}, oldest first, in one query. */
    public List<TaskAnnotation> listForTask(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return ForeignKeys.call("list task annotations", () -> ctx.selectFrom(TASKER_TASK_ANNOTATIONS)
                .where(TASKER_TASK_ANNOTATIONS.TASK_UUID.eq(taskUuid))
                .orderBy(TASKER_TASK_ANNOTATIONS.TASK_ANNOTATION_ID)
                .fetch(TaskAnnotation::from));
    }

    /** The annotations of {@code taskUuid} whose type is named {@code typeName}, oldest first, in one query. */
    public List<TaskAnnotation> listForTask(UUID taskUuid, String typeName) {
        Arguments.required("taskUuid", taskUuid);
        Arguments.notBlank("typeName", typeName);
        return ForeignKeys.call("list task annotations", () -> ctx.select(TASKER_TASK_ANNOTATIONS.fields())
                .from(TASKER_TASK_ANNOTATIONS)
                .join(TASKER_ANNOTATION_TYPES)
                .on(TASKER_ANNOTATION_TYPES.ANNOTATION_TYPE_ID.eq(TASKER_TASK_ANNOTATIONS.ANNOTATION_TYPE_ID))
                .where(TASKER_TASK_ANNOTATIONS.TASK_UUID.eq(taskUuid))
                .and(TASKER_ANNOTATION_TYPES.NAME.eq(typeName))
                .orderBy(TASKER_TASK_ANNOTATIONS.TASK_ANNOTATION_ID)
                .fetch(row -> TaskAnnotation.from(row.into(TASKER_TASK_ANNOTATIONS))));
    }

    /** Replaces the annotation's JSON (null stores SQL NULL); {@code NotFoundException} if there is none. */
    public TaskAnnotation update(long id, JSONB annotation) {
        return ROWS.update(ctx, "update task annotation", Arguments.notNegative("id", id),
                update -> update.set(TASKER_TASK_ANNOTATIONS.ANNOTATION, annotation));
    }

    /** Deletes the annotation {@code id}; false if there was none. */
    public boolean delete(long id) {
        return ROWS.delete(ctx, Arguments.notNegative("id", id));
    }
}

package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_ANNOTATION_TYPES;

import dev.tasker.schema.tasker.generated.tables.records.TaskerAnnotationTypesRecord;
import org.jooq.DSLContext;

/**
 * Annotation types ({@code tasker_annotation_types}), unique by name: the kinds of task annotations. See
 * {@link NameKeyedDao} for the operations.
 */
public final class AnnotationTypeDao extends NameKeyedDao<Integer, AnnotationType> {

    private static final NameKeyedTable<TaskerAnnotationTypesRecord, Integer, AnnotationType> ROWS =
            new NameKeyedTable<>("annotation type", TASKER_ANNOTATION_TYPES,
                    TASKER_ANNOTATION_TYPES.ANNOTATION_TYPE_ID, AnnotationType::from);

    /** A DAO running its statements on {@code ctx}. */
    public AnnotationTypeDao(DSLContext ctx) {
        super(ctx, ROWS);
    }
}

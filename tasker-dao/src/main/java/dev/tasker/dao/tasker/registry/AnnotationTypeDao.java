package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_ANNOTATION_TYPES;

import dev.tasker.schema.tasker.generated.tables.records.TaskerAnnotationTypesRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Annotation types ({@code tasker_annotation_types}), unique by name.
 * Runs on the given context, inside the caller's transaction if any.
 */
public final class AnnotationTypeDao {

    private static final NameKeyedTable<TaskerAnnotationTypesRecord, Integer, AnnotationType> ROWS = new NameKeyedTable<>("annotation type", TASKER_ANNOTATION_TYPES,
            TASKER_ANNOTATION_TYPES.ANNOTATION_TYPE_ID, TASKER_ANNOTATION_TYPES.NAME, TASKER_ANNOTATION_TYPES.DESCRIPTION, TASKER_ANNOTATION_TYPES.CREATED_AT, TASKER_ANNOTATION_TYPES.UPDATED_AT, AnnotationType::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public AnnotationTypeDao(DSLContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * The annotation type named {@code name}, created with {@code description} (may be null) if it does not exist; an existing
     * row keeps its description. Safe when several callers race on the same name: all get the same row.
     */
    public AnnotationType findOrCreate(String name, String description) {
        return ROWS.findOrCreate(ctx, name, description);
    }

    /** The annotation type with key {@code id}, if any. */
    public Optional<AnnotationType> get(Integer id) {
        return ROWS.get(ctx, id);
    }

    /** The annotation type named {@code name}, if any. */
    public Optional<AnnotationType> findByName(String name) {
        return ROWS.findByName(ctx, name);
    }

    /** All annotation types, by name. */
    public List<AnnotationType> list() {
        return ROWS.list(ctx);
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no such annotation type. */
    public AnnotationType updateDescription(Integer id, String description) {
        return ROWS.updateDescription(ctx, id, description);
    }

    /**
     * Deletes the annotation type; false if there was none. {@code ConflictException} while other rows still reference it.
     */
    public boolean delete(Integer id) {
        return ROWS.delete(ctx, id);
    }
}

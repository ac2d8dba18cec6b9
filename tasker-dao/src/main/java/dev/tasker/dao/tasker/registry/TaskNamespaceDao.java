package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_NAMESPACES;

import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskNamespacesRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Task namespaces ({@code tasker_task_namespaces}), unique by name.
 * Runs on the given context, inside the caller's transaction if any.
 */
public final class TaskNamespaceDao {

    private static final NameKeyedTable<TaskerTaskNamespacesRecord, UUID, TaskNamespace> ROWS = new NameKeyedTable<>("namespace", TASKER_TASK_NAMESPACES,
            TASKER_TASK_NAMESPACES.TASK_NAMESPACE_UUID, TASKER_TASK_NAMESPACES.NAME, TASKER_TASK_NAMESPACES.DESCRIPTION, TASKER_TASK_NAMESPACES.CREATED_AT, TASKER_TASK_NAMESPACES.UPDATED_AT, TaskNamespace::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public TaskNamespaceDao(DSLContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * The namespace named {@code name}, created with {@code description} (may be null) if it does not exist; an existing
     * row keeps its description. Safe when several callers race on the same name: all get the same row.
     */
    public TaskNamespace findOrCreate(String name, String description) {
        return ROWS.findOrCreate(ctx, name, description);
    }

    /** The namespace with key {@code id}, if any. */
    public Optional<TaskNamespace> get(UUID id) {
        return ROWS.get(ctx, id);
    }

    /** The namespace named {@code name}, if any. */
    public Optional<TaskNamespace> findByName(String name) {
        return ROWS.findByName(ctx, name);
    }

    /** All namespaces, by name. */
    public List<TaskNamespace> list() {
        return ROWS.list(ctx);
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no such namespace. */
    public TaskNamespace updateDescription(UUID id, String description) {
        return ROWS.updateDescription(ctx, id, description);
    }

    /**
     * Deletes the namespace; false if there was none. {@code ConflictException} while other rows still reference it.
     */
    public boolean delete(UUID id) {
        return ROWS.delete(ctx, id);
    }
}

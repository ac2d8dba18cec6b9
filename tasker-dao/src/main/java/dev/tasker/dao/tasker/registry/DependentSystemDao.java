package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_DEPENDENT_SYSTEMS;

import dev.tasker.schema.tasker.generated.tables.records.TaskerDependentSystemsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Dependent systems ({@code tasker_dependent_systems}), unique by name.
 * Runs on the given context, inside the caller's transaction if any.
 */
public final class DependentSystemDao {

    private static final NameKeyedTable<TaskerDependentSystemsRecord, UUID, DependentSystem> ROWS = new NameKeyedTable<>("dependent system", TASKER_DEPENDENT_SYSTEMS,
            TASKER_DEPENDENT_SYSTEMS.DEPENDENT_SYSTEM_UUID, TASKER_DEPENDENT_SYSTEMS.NAME, TASKER_DEPENDENT_SYSTEMS.DESCRIPTION, TASKER_DEPENDENT_SYSTEMS.CREATED_AT, TASKER_DEPENDENT_SYSTEMS.UPDATED_AT, DependentSystem::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public DependentSystemDao(DSLContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * The dependent system named {@code name}, created with {@code description} (may be null) if it does not exist; an existing
     * row keeps its description. Safe when several callers race on the same name: all get the same row.
     */
    public DependentSystem findOrCreate(String name, String description) {
        return ROWS.findOrCreate(ctx, name, description);
    }

    /** The dependent system with key {@code id}, if any. */
    public Optional<DependentSystem> get(UUID id) {
        return ROWS.get(ctx, id);
    }

    /** The dependent system named {@code name}, if any. */
    public Optional<DependentSystem> findByName(String name) {
        return ROWS.findByName(ctx, name);
    }

    /** All dependent systems, by name. */
    public List<DependentSystem> list() {
        return ROWS.list(ctx);
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no such dependent system. */
    public DependentSystem updateDescription(UUID id, String description) {
        return ROWS.updateDescription(ctx, id, description);
    }

    /**
     * Deletes the dependent system; false if there was none. {@code ConflictException} while other rows still reference it.
     */
    public boolean delete(UUID id) {
        return ROWS.delete(ctx, id);
    }
}

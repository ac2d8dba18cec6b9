package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_STEPS;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.dao.tasker.support.Lengths;
import dev.tasker.schema.tasker.generated.tables.records.TaskerNamedStepsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Named steps ({@code tasker_named_steps}): step definitions unique by (dependent system, name). Runs on the given
 * context, inside the caller's transaction if any.
 */
public final class NamedStepDao {

    private static final int NAME_LENGTH = 128;
    private static final Reference SYSTEM = new Reference("tasker_named_steps_dependent_system_uuid_fkey",
            "dependent system");

    private static final KeyedTable<TaskerNamedStepsRecord, UUID, NamedStep> ROWS = new KeyedTable<>("named step",
            "uuid", TASKER_NAMED_STEPS, TASKER_NAMED_STEPS.NAMED_STEP_UUID, TASKER_NAMED_STEPS.UPDATED_AT,
            NamedStep::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public NamedStepDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * The named step {@code name} of {@code dependentSystemUuid}, created with {@code description} (may be null) if
     * it does not exist; an existing row is returned unchanged. Safe when callers race ({@code ON CONFLICT
     * (dependent_system_uuid, name) DO NOTHING}, then the winner's row). {@code NotFoundException} if the dependent
     * system does not exist.
     */
    public NamedStep findOrCreate(UUID dependentSystemUuid, String name, String description) {
        Arguments.required("dependentSystemUuid", dependentSystemUuid);
        Lengths.requiredAtMost("name", name, NAME_LENGTH);
        Lengths.atMost("description", description, NameKeyedTable.DESCRIPTION_LENGTH);
        return ForeignKeys.call("find or create named step", () -> ctx.insertInto(TASKER_NAMED_STEPS)
                .set(TASKER_NAMED_STEPS.DEPENDENT_SYSTEM_UUID, dependentSystemUuid)
                .set(TASKER_NAMED_STEPS.NAME, name)
                .set(TASKER_NAMED_STEPS.DESCRIPTION, description)
                .set(TASKER_NAMED_STEPS.CREATED_AT, DSL.currentLocalDateTime())
                .set(TASKER_NAMED_STEPS.UPDATED_AT, DSL.currentLocalDateTime())
                .onConflict(TASKER_NAMED_STEPS.DEPENDENT_SYSTEM_UUID, TASKER_NAMED_STEPS.NAME)
                .doNothing()
                .returning()
                .fetchOptional()
                .map(NamedStep::from)
                .or(() -> find(dependentSystemUuid, name))
                .orElseThrow(() -> new ConflictException("named step", name, "named step " + name
                        + " was created concurrently but is not visible to this transaction's snapshot")), SYSTEM);
    }

    /** The named step {@code uuid}, if any. */
    public Optional<NamedStep> get(UUID uuid) {
        return ROWS.get(ctx, uuid);
    }

    /** The named step {@code name} of {@code dependentSystemUuid}, if any. */
    public Optional<NamedStep> find(UUID dependentSystemUuid, String name) {
        Arguments.required("dependentSystemUuid", dependentSystemUuid);
        Arguments.required("name", name);
        return ForeignKeys.call("find named step", () -> ctx.selectFrom(TASKER_NAMED_STEPS)
                .where(TASKER_NAMED_STEPS.DEPENDENT_SYSTEM_UUID.eq(dependentSystemUuid))
                .and(TASKER_NAMED_STEPS.NAME.eq(name))
                .fetchOptional().map(NamedStep::from));
    }

    /** The named steps of {@code dependentSystemUuid}, by name, in one query. */
    public List<NamedStep> listBySystem(UUID dependentSystemUuid) {
        Arguments.required("dependentSystemUuid", dependentSystemUuid);
        return ForeignKeys.call("list named steps", () -> ctx.selectFrom(TASKER_NAMED_STEPS)
                .where(TASKER_NAMED_STEPS.DEPENDENT_SYSTEM_UUID.eq(dependentSystemUuid))
                .orderBy(TASKER_NAMED_STEPS.NAME)
                .fetch(NamedStep::from));
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no such step. */
    public NamedStep updateDescription(UUID uuid, String description) {
        Lengths.atMost("description", description, NameKeyedTable.DESCRIPTION_LENGTH);
        return ROWS.update(ctx, "update named step", uuid,
                update -> update.set(TASKER_NAMED_STEPS.DESCRIPTION, description));
    }

    /**
     * Deletes the named step; false if there was none. {@code ConflictException} while steps or templates use it.
     */
    public boolean delete(UUID uuid) {
        return ROWS.delete(ctx, uuid);
    }
}

package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_DEPENDENT_SYSTEMS;

import dev.tasker.schema.tasker.generated.tables.records.TaskerDependentSystemsRecord;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Dependent systems ({@code tasker_dependent_systems}), unique by name: the systems named steps talk to. See
 * {@link NameKeyedDao} for the operations.
 */
public final class DependentSystemDao extends NameKeyedDao<UUID, DependentSystem> {

    private static final NameKeyedTable<TaskerDependentSystemsRecord, UUID, DependentSystem> ROWS =
            new NameKeyedTable<>("dependent system", TASKER_DEPENDENT_SYSTEMS,
                    TASKER_DEPENDENT_SYSTEMS.DEPENDENT_SYSTEM_UUID, DependentSystem::from);

    /** A DAO running its statements on {@code ctx}. */
    public DependentSystemDao(DSLContext ctx) {
        super(ctx, ROWS);
    }
}

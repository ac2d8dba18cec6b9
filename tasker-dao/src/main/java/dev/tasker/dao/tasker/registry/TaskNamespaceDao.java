package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_NAMESPACES;

import dev.tasker.schema.tasker.generated.tables.records.TaskerTaskNamespacesRecord;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Task namespaces ({@code tasker_task_namespaces}), unique by name: the groups of named tasks. See
 * {@link NameKeyedDao} for the operations.
 */
public final class TaskNamespaceDao extends NameKeyedDao<UUID, TaskNamespace> {

    private static final NameKeyedTable<TaskerTaskNamespacesRecord, UUID, TaskNamespace> ROWS =
            new NameKeyedTable<>("namespace", TASKER_TASK_NAMESPACES,
                    TASKER_TASK_NAMESPACES.TASK_NAMESPACE_UUID, TaskNamespace::from);

    /** A DAO running its statements on {@code ctx}. */
    public TaskNamespaceDao(DSLContext ctx) {
        super(ctx, ROWS);
    }
}

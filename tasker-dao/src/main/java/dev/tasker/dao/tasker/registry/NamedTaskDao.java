package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_NAMESPACES;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.dao.tasker.support.Lengths;
import dev.tasker.schema.tasker.generated.tables.records.TaskerNamedTasksRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Named tasks ({@code tasker_named_tasks}): task templates unique by (namespace, name, version). Runs on the given
 * context, inside the caller's transaction if any.
 */
public final class NamedTaskDao {

    private static final int VERSION_LENGTH = 16;
    private static final Reference NAMESPACE = new Reference("tasker_named_tasks_task_namespace_uuid_fkey",
            "namespace");

    private static final KeyedTable<TaskerNamedTasksRecord, UUID, NamedTask> ROWS = new KeyedTable<>("named task",
            "uuid", TASKER_NAMED_TASKS, TASKER_NAMED_TASKS.NAMED_TASK_UUID, TASKER_NAMED_TASKS.UPDATED_AT,
            NamedTask::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public NamedTaskDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * The named task with {@code wanted}'s namespace, name and version, created with its description and
     * configuration if it does not exist (an existing row is returned unchanged). Safe when callers race: the insert
     * is {@code ON CONFLICT (task_namespace_uuid, name, version) DO NOTHING} and the loser reads the winner's row.
     * {@code NotFoundException} if the namespace does not exist.
     */
    public NamedTask findOrCreate(NewNamedTask wanted) {
        Arguments.required("namedTask", wanted);
        Arguments.required("namespaceUuid", wanted.namespaceUuid());
        Lengths.requiredAtMost("name", wanted.name(), NameKeyedTable.NAME_LENGTH);
        Lengths.requiredAtMost("version", wanted.effectiveVersion(), VERSION_LENGTH);
        Lengths.atMost("description", wanted.description(), NameKeyedTable.DESCRIPTION_LENGTH);
        return ForeignKeys.call("find or create named task", () -> {
            Optional<TaskerNamedTasksRecord> inserted = ctx.insertInto(TASKER_NAMED_TASKS)
                    .set(TASKER_NAMED_TASKS.TASK_NAMESPACE_UUID, wanted.namespaceUuid())
                    .set(TASKER_NAMED_TASKS.NAME, wanted.name())
                    .set(TASKER_NAMED_TASKS.VERSION, wanted.effectiveVersion())
                    .set(TASKER_NAMED_TASKS.DESCRIPTION, wanted.description())
                    .set(TASKER_NAMED_TASKS.CONFIGURATION, configurationOrDefault(wanted.configuration()))
                    .set(TASKER_NAMED_TASKS.CREATED_AT, DSL.currentLocalDateTime())
                    .set(TASKER_NAMED_TASKS.UPDATED_AT, DSL.currentLocalDateTime())
                    .onConflict(TASKER_NAMED_TASKS.TASK_NAMESPACE_UUID, TASKER_NAMED_TASKS.NAME,
                            TASKER_NAMED_TASKS.VERSION)
                    .doNothing()
                    .returning()
                    .fetchOptional();
            return inserted.map(NamedTask::from)
                    .or(() -> find(wanted.namespaceUuid(), wanted.name(), wanted.effectiveVersion()))
                    .orElseThrow(() -> new ConflictException("named task", wanted, "named task " + wanted.name()
                            + " was created concurrently but is not visible to this transaction's snapshot"));
        }, NAMESPACE);
    }

    /** The named task {@code uuid}, if any. */
    public Optional<NamedTask> get(UUID uuid) {
        return ROWS.get(ctx, uuid);
    }

    /** The named task {@code name} at {@code version} in namespace {@code namespaceUuid}, if any. */
    public Optional<NamedTask> find(UUID namespaceUuid, String name, String version) {
        Arguments.required("namespaceUuid", namespaceUuid);
        Arguments.required("name", name);
        Arguments.required("version", version);
        return ForeignKeys.call("find named task", () -> ctx.selectFrom(TASKER_NAMED_TASKS)
                .where(TASKER_NAMED_TASKS.TASK_NAMESPACE_UUID.eq(namespaceUuid))
                .and(TASKER_NAMED_TASKS.NAME.eq(name))
                .and(TASKER_NAMED_TASKS.VERSION.eq(version))
                .fetchOptional().map(NamedTask::from));
    }

    /** The named task {@code name} at {@code version} in the namespace named {@code namespaceName}, if any. */
    public Optional<NamedTask> find(String namespaceName, String name, String version) {
        Arguments.required("namespaceName", namespaceName);
        Arguments.required("name", name);
        Arguments.required("version", version);
        return ForeignKeys.call("find named task", () -> ctx.select(TASKER_NAMED_TASKS.fields())
                .from(TASKER_NAMED_TASKS)
                .join(TASKER_TASK_NAMESPACES)
                .on(TASKER_TASK_NAMESPACES.TASK_NAMESPACE_UUID.eq(TASKER_NAMED_TASKS.TASK_NAMESPACE_UUID))
                .where(TASKER_TASK_NAMESPACES.NAME.eq(namespaceName))
                .and(TASKER_NAMED_TASKS.NAME.eq(name))
                .and(TASKER_NAMED_TASKS.VERSION.eq(version))
                .fetchOptional()
                .map(row -> NamedTask.from(row.into(TASKER_NAMED_TASKS))));
    }

    /** The named tasks of namespace {@code namespaceUuid}, by name and version, in one query. */
    public List<NamedTask> listByNamespace(UUID namespaceUuid) {
        Arguments.required("namespaceUuid", namespaceUuid);
        return ForeignKeys.call("list named tasks", () -> ctx.selectFrom(TASKER_NAMED_TASKS)
                .where(TASKER_NAMED_TASKS.TASK_NAMESPACE_UUID.eq(namespaceUuid))
                .orderBy(TASKER_NAMED_TASKS.NAME, TASKER_NAMED_TASKS.VERSION)
                .fetch(NamedTask::from));
    }

    /** Replaces the configuration (null stores SQL NULL); {@code NotFoundException} if there is no such task. */
    public NamedTask updateConfiguration(UUID uuid, JSONB configuration) {
        return ROWS.update(ctx, "update named task configuration", uuid,
                update -> update.set(TASKER_NAMED_TASKS.CONFIGURATION, configuration));
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no such task. */
    public NamedTask updateDescription(UUID uuid, String description) {
        Lengths.atMost("description", description, NameKeyedTable.DESCRIPTION_LENGTH);
        return ROWS.update(ctx, "update named task description", uuid,
                update -> update.set(TASKER_NAMED_TASKS.DESCRIPTION, description));
    }

    /**
     * Deletes the named task; false if there was none. {@code ConflictException} while tasks or template rows use
     * it.
     */
    public boolean delete(UUID uuid) {
        return ROWS.delete(ctx, uuid);
    }

    private static Field<JSONB> configurationOrDefault(JSONB configuration) {
        return configuration == null ? DSL.defaultValue(TASKER_NAMED_TASKS.CONFIGURATION)
                : DSL.val(configuration, TASKER_NAMED_TASKS.CONFIGURATION);
    }
}

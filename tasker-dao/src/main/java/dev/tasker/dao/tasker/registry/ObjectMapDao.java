package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.dao.tasker.support.Lengths;
import dev.tasker.schema.tasker.generated.tables.records.TaskerDependentSystemObjectMapsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Dependent-system object maps ({@code tasker_dependent_system_object_maps}): which object of one system is which
 * object of another. Runs on the given context, inside the caller's transaction if any.
 *
 * <p>The table has no unique key on (system one, remote id one, system two, remote id two), so
 * {@link #findOrCreate} serializes callers of the same key with a transaction-scoped advisory lock
 * ({@code pg_advisory_xact_lock}) taken inside an all-or-nothing unit.
 */
public final class ObjectMapDao {

    private static final int REMOTE_ID_LENGTH = 128;
    private static final Reference SYSTEM_ONE = new Reference(
            "tasker_dependent_system_object_maps_dependent_system_one_uuid_f", "dependent system");
    private static final Reference SYSTEM_TWO = new Reference(
            "tasker_dependent_system_object_maps_dependent_system_two_uuid_f", "dependent system");

    private static final KeyedTable<TaskerDependentSystemObjectMapsRecord, Long, ObjectMap> ROWS =
            new KeyedTable<>("object map", "id", TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS,
                    TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS.DEPENDENT_SYSTEM_OBJECT_MAP_ID,
                    TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS.UPDATED_AT, ObjectMap::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public ObjectMapDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * The map of {@code remoteIdOne} in {@code systemOneUuid} to {@code remoteIdTwo} in {@code systemTwoUuid},
     * created if it does not exist. Safe when callers race: they are serialized by an advisory lock on the key,
     * held until the end of the transaction. {@code NotFoundException} if a system does not exist.
     */
    public ObjectMap findOrCreate(UUID systemOneUuid, String remoteIdOne, UUID systemTwoUuid, String remoteIdTwo) {
        Arguments.required("systemOneUuid", systemOneUuid);
        Lengths.requiredAtMost("remoteIdOne", remoteIdOne, REMOTE_ID_LENGTH);
        Arguments.required("systemTwoUuid", systemTwoUuid);
        Lengths.requiredAtMost("remoteIdTwo", remoteIdTwo, REMOTE_ID_LENGTH);
        String lockKey = "tasker_dependent_system_object_maps:" + systemOneUuid + ":" + remoteIdOne.length() + ":"
                + remoteIdOne + ":" + systemTwoUuid + ":" + remoteIdTwo;
        var m = TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS;
        return ForeignKeys.call("find or create object map", () -> Atomic.run(ctx, bound -> {
            bound.select(DSL.function("pg_advisory_xact_lock", SQLDataType.OTHER,
                    DSL.function("hashtextextended", SQLDataType.BIGINT, DSL.val(lockKey), DSL.inline(0L))))
                    .fetch();
            TaskerDependentSystemObjectMapsRecord row = bound.selectFrom(m)
                    .where(keyOf(systemOneUuid, remoteIdOne, systemTwoUuid, remoteIdTwo))
                    .orderBy(m.DEPENDENT_SYSTEM_OBJECT_MAP_ID).limit(1)
                    .fetchOptional()
                    .orElseGet(() -> bound.insertInto(m)
                            .set(m.DEPENDENT_SYSTEM_ONE_UUID, systemOneUuid)
                            .set(m.REMOTE_ID_ONE, remoteIdOne)
                            .set(m.DEPENDENT_SYSTEM_TWO_UUID, systemTwoUuid)
                            .set(m.REMOTE_ID_TWO, remoteIdTwo)
                            .set(m.CREATED_AT, DSL.currentLocalDateTime())
                            .set(m.UPDATED_AT, DSL.currentLocalDateTime())
                            .returning()
                            .fetchOne());
            return ObjectMap.from(row);
        }), SYSTEM_ONE, SYSTEM_TWO);
    }

    /** The object map {@code id}, if any. */
    public Optional<ObjectMap> get(long id) {
        return ROWS.get(ctx, Arguments.notNegative("id", id));
    }

    /** The (oldest) map of exactly this key, if any. */
    public Optional<ObjectMap> find(UUID systemOneUuid, String remoteIdOne, UUID systemTwoUuid, String remoteIdTwo) {
        Arguments.required("systemOneUuid", systemOneUuid);
        Arguments.notBlank("remoteIdOne", remoteIdOne);
        Arguments.required("systemTwoUuid", systemTwoUuid);
        Arguments.notBlank("remoteIdTwo", remoteIdTwo);
        return ForeignKeys.call("find object map", () -> ctx.selectFrom(TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS)
                .where(keyOf(systemOneUuid, remoteIdOne, systemTwoUuid, remoteIdTwo))
                .orderBy(TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS.DEPENDENT_SYSTEM_OBJECT_MAP_ID).limit(1)
                .fetchOptional().map(ObjectMap::from));
    }

    /** The maps in which {@code systemUuid} is system one or system two, oldest first, in one query. */
    public List<ObjectMap> listForSystem(UUID systemUuid) {
        Arguments.required("systemUuid", systemUuid);
        var m = TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS;
        return ForeignKeys.call("list object maps", () -> ctx.selectFrom(m)
                .where(m.DEPENDENT_SYSTEM_ONE_UUID.eq(systemUuid).or(m.DEPENDENT_SYSTEM_TWO_UUID.eq(systemUuid)))
                .orderBy(m.DEPENDENT_SYSTEM_OBJECT_MAP_ID)
                .fetch(ObjectMap::from));
    }

    /** Deletes the object map {@code id}; false if there was none. */
    public boolean delete(long id) {
        return ROWS.delete(ctx, Arguments.notNegative("id", id));
    }

    private static Condition keyOf(UUID systemOneUuid, String remoteIdOne, UUID systemTwoUuid, String remoteIdTwo) {
        var m = TASKER_DEPENDENT_SYSTEM_OBJECT_MAPS;
        return m.DEPENDENT_SYSTEM_ONE_UUID.eq(systemOneUuid).and(m.REMOTE_ID_ONE.eq(remoteIdOne))
                .and(m.DEPENDENT_SYSTEM_TWO_UUID.eq(systemTwoUuid)).and(m.REMOTE_ID_TWO.eq(remoteIdTwo));
    }
}

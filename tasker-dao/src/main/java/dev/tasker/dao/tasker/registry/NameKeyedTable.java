package dev.tasker.dao.tasker.registry;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.dao.tasker.support.Lengths;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The operations shared by the registry tables keyed by a unique {@code name} with a {@code description}
 * (namespaces, dependent systems, annotation types): race-safe find-or-create on the unique name, get, find by
 * name, list, update description, delete.
 */
final class NameKeyedTable<R extends Record, K, V> {

    static final int NAME_LENGTH = 64;
    static final int DESCRIPTION_LENGTH = 255;

    private final String entity;
    private final Table<R> table;
    private final KeyedTable<R, K, V> rows;
    private final Field<String> name;
    private final Field<String> description;
    private final Field<LocalDateTime> createdAt;
    private final Field<LocalDateTime> updatedAt;
    private final Function<R, V> mapper;

    /**
     * The name-keyed {@code table} holding {@code entity} rows (named so in messages) with primary key {@code id}
     * and the columns {@code name}, {@code description}, {@code created_at} and {@code updated_at}, each row read
     * with {@code mapper}.
     */
    NameKeyedTable(String entity, Table<R> table, TableField<R, K> id, Function<R, V> mapper) {
        this.entity = entity;
        this.table = table;
        this.name = column(table, "name", String.class);
        this.description = column(table, "description", String.class);
        this.createdAt = column(table, "created_at", LocalDateTime.class);
        this.updatedAt = column(table, "updated_at", LocalDateTime.class);
        this.mapper = mapper;
        this.rows = new KeyedTable<>(entity, "id", table, id, updatedAt, mapper);
    }

    private static <T> Field<T> column(Table<?> table, String column, Class<T> type) {
        return Objects.requireNonNull(table.field(column, type), () -> table.getName() + " has no " + column);
    }

    /**
     * The row named {@code wanted}, inserted with {@code newDescription} if there is none. Safe when callers race:
     * the insert is {@code ON CONFLICT (name) DO NOTHING}; the loser reads the winner's row.
     */
    V findOrCreate(DSLContext ctx, String wanted, String newDescription) {
        Lengths.requiredAtMost("name", wanted, NAME_LENGTH);
        Lengths.atMost("description", newDescription, DESCRIPTION_LENGTH);
        return ForeignKeys.call("find or create " + entity, () -> {
            Optional<R> inserted = ctx.insertInto(table)
                    .set(name, wanted)
                    .set(description, newDescription)
                    .set(createdAt, DSL.currentLocalDateTime())
                    .set(updatedAt, DSL.currentLocalDateTime())
                    .onConflict(name).doNothing()
                    .returning()
                    .fetchOptional();
            return inserted.or(() -> ctx.selectFrom(table).where(name.eq(wanted)).fetchOptional())
                    .map(mapper)
                    .orElseThrow(() -> new ConflictException(entity, wanted, entity + " '" + wanted
                            + "' was created concurrently but is not visible to this transaction's snapshot"));
        });
    }

    Optional<V> get(DSLContext ctx, K key) {
        return rows.get(ctx, key);
    }

    Optional<V> findByName(DSLContext ctx, String wanted) {
        Arguments.notBlank("name", wanted);
        return ForeignKeys.call("find " + entity,
                () -> ctx.selectFrom(table).where(name.eq(wanted)).fetchOptional().map(mapper));
    }

    List<V> list(DSLContext ctx) {
        return ForeignKeys.call("list " + entity + "s",
                () -> ctx.selectFrom(table).orderBy(name).fetch().map(mapper::apply));
    }

    V updateDescription(DSLContext ctx, K key, String newDescription) {
        Lengths.atMost("description", newDescription, DESCRIPTION_LENGTH);
        return rows.update(ctx, "update " + entity, key, update -> update.set(description, newDescription));
    }

    boolean delete(DSLContext ctx, K key) {
        return rows.delete(ctx, key);
    }
}

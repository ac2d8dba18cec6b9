package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.NotFoundException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.UpdateSetStep;
import org.jooq.impl.DSL;

/**
 * A table whose rows the DAOs address by one key column, and the single-row statements they share: get, update
 * (stamping {@code updated_at}, {@link NotFoundException} when there is no such row) and delete. Each checks the key
 * first (an error naming {@code argument} if it is null) and converts database failures like {@link ForeignKeys}.
 *
 * @param entity    the kind of row in messages, e.g. "task"
 * @param argument  the name of the key parameter in argument errors, e.g. "uuid"
 * @param table     the table
 * @param key       its key column
 * @param updatedAt its {@code updated_at} column
 * @param mapper    reads a row as the DAO's value record
 * @param <R>       the table's record
 * @param <K>       the key
 * @param <V>       the value record
 */
public record KeyedTable<R extends Record, K, V>(String entity, String argument, Table<R> table, Field<K> key,
        Field<LocalDateTime> updatedAt, Function<R, V> mapper) {

    /** The row {@code id}, if any. */
    public Optional<V> get(DSLContext ctx, K id) {
        Arguments.required(argument, id);
        return ForeignKeys.call("get " + entity,
                () -> ctx.selectFrom(table).where(key.eq(id)).fetchOptional(mapper::apply));
    }

    /**
     * Applies {@code changes} (and {@code updated_at = now()}) to the row {@code id} in one statement and returns
     * the row as updated; {@link NotFoundException} if there is no such row.
     */
    public V update(DSLContext ctx, String operation, K id, Function<UpdateSetStep<R>, UpdateSetMoreStep<R>> changes) {
        Arguments.required(argument, id);
        return ForeignKeys.call(operation, () -> changes.apply(ctx.update(table))
                .set(updatedAt, DSL.currentLocalDateTime())
                .where(key.eq(id))
                .returning()
                .fetchOptional(mapper::apply)
                .orElseThrow(() -> new NotFoundException(entity, id)));
    }

    /** Deletes the row {@code id}; false if there was none. {@code ConflictException} while rows reference it. */
    public boolean delete(DSLContext ctx, K id) {
        Arguments.required(argument, id);
        return ForeignKeys.call("delete " + entity, () -> ctx.deleteFrom(table).where(key.eq(id)).execute() > 0);
    }
}

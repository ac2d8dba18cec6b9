package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One transition table (task or workflow step) and the statements both share: the append of §7.3 guarded against
 * concurrent writers, history, current rows, metadata update and pruning.
 *
 * @param entity  the owner's kind in messages, e.g. "task"
 * @param table   the transition table
 * @param key     the transition's primary key
 * @param owner   the owning task's or step's uuid
 * @param mapper  reads a row as the DAO's transition record
 * @param <R>     the table's record
 * @param <T>     the DAO's transition record
 */
record TransitionLog<R extends TableRecord<R>, T>(String entity, Table<R> table, TableField<R, UUID> key,
        TableField<R, UUID> owner, TableField<R, String> toState, TableField<R, String> fromState,
        TableField<R, JSONB> metadata, TableField<R, Integer> sortKey, TableField<R, Boolean> mostRecent,
        TableField<R, LocalDateTime> createdAt, TableField<R, LocalDateTime> updatedAt, Function<R, T> mapper) {

    private static final String UNIQUE_VIOLATION = "23505";

    /** The current row of the owner {@code ownerRef} refers to, as a join condition. */
    Condition currentOf(Field<UUID> ownerRef) {
        return owner.eq(ownerRef).and(mostRecent.isTrue());
    }

    /** The owner's highest sort_key (0 without history) as a scalar subquery correlated to {@code ownerRef}. */
    Field<Integer> maxSortKey(Field<UUID> ownerRef) {
        Table<R> history = table.as("history");
        return DSL.field(DSL.select(DSL.coalesce(DSL.max(history.field(sortKey)), DSL.inline(0)))
                .from(history).where(history.field(owner).eq(ownerRef)));
    }

    /** The {@link Snapshot} in {@code row}, read with {@link #currentOf} joined and {@code maxSortKey} selected. */
    Snapshot snapshot(Record row, Field<Integer> maxSortKey) {
        return new Snapshot(Optional.ofNullable(row.get(toState)), Optional.ofNullable(row.get(sortKey)),
                row.get(maxSortKey));
    }

    /**
     * Appends the transition to {@code to} for owner {@code id} that was current as {@code read} (§7.3): unsets the
     * current row only if it is still the one read, then inserts the new current row with sort_key MAX + 1.
     * {@link ConflictException} if a concurrent transition became current first. {@code extra} sets further
     * columns of the new row.
     */
    T append(DSLContext ctx, UUID id, Snapshot read, String from, String to, JSONB rowMetadata,
            Map<? extends Field<?>, ?> extra) {
        Field<LocalDateTime> now = DSL.currentLocalDateTime();
        if (read.currentSortKey().isPresent()) {
            int unset = ctx.update(table).set(mostRecent, false).set(updatedAt, now)
                    .where(owner.eq(id), mostRecent.isTrue(), sortKey.eq(read.currentSortKey().get()))
                    .execute();
            if (unset == 0) {
                throw lostRace(id, null);
            }
        }
        try {
            return ctx.insertInto(table)
                    .set(owner, id).set(fromState, from).set(toState, to).set(metadata, rowMetadata)
                    .set(sortKey, read.maxSortKey() + 1).set(mostRecent, true).set(createdAt, now)
                    .set(updatedAt, now).set(extra)
                    .returning().fetchSingle(mapper::apply);
        } catch (DataAccessException failure) {
            if (DaoErrors.sqlState(failure).filter(UNIQUE_VIOLATION::equals).isPresent()) {
                throw lostRace(id, failure);
            }
            throw failure;
        }
    }

    /** All transitions of {@code id}, oldest first. */
    List<T> history(DSLContext ctx, UUID id) {
        return ctx.selectFrom(table).where(owner.eq(id)).orderBy(sortKey).fetch(mapper::apply);
    }

    /** The current transition of {@code id}. */
    Optional<T> current(DSLContext ctx, UUID id) {
        return ctx.selectFrom(table).where(owner.eq(id), mostRecent.isTrue()).fetchOptional(mapper::apply);
    }

    /** Owner uuid → current to_state for those of {@code ids} that have a transition, in one query. */
    Map<UUID, String> currentStates(DSLContext ctx, Collection<UUID> ids) {
        return ctx.select(owner, toState).from(table)
                .where(owner.eq(DSL.any(ids.toArray(UUID[]::new))), mostRecent.isTrue())
                .fetchMap(owner, toState);
    }

    /** Replaces the metadata of transition {@code transition}; {@link NotFoundException} if it does not exist. */
    void updateMetadata(DSLContext ctx, UUID transition, JSONB newMetadata) {
        int updated = ctx.update(table).set(metadata, newMetadata).set(updatedAt, DSL.currentLocalDateTime())
                .where(key.eq(transition)).execute();
        if (updated == 0) {
            throw new NotFoundException(entity + " transition", transition);
        }
    }

    /**
     * Deletes the transitions of {@code id} older than its {@code keep} newest ones (never the current one), except
     * those {@code retained} holds for; returns how many were deleted.
     */
    int prune(DSLContext ctx, UUID id, int keep, Condition retained) {
        if (keep < 1) {
            throw new InvalidArgumentException("keep", "must be at least 1 (the current transition stays), was "
                    + keep);
        }
        Table<R> newest = table.as("newest");
        Field<Integer> oldestKept = DSL.field(DSL.select(newest.field(sortKey)).from(newest)
                .where(newest.field(owner).eq(id)).orderBy(newest.field(sortKey).desc()).limit(1).offset(keep - 1));
        return ctx.deleteFrom(table)
                .where(owner.eq(id), sortKey.lt(oldestKept), mostRecent.isFalse(), DSL.not(retained))
                .execute();
    }

    private ConflictException lostRace(UUID id, Throwable cause) {
        return new ConflictException(entity, id, entity + " " + id + ": a concurrent transition became current"
                + " first; nothing was written, re-read the current state and retry", cause);
    }

    /**
     * The owner's current transition as read before a transition: its state and sort_key (empty without a current
     * row) and the highest sort_key of its history (0 without history).
     */
    record Snapshot(Optional<String> state, Optional<Integer> currentSortKey, int maxSortKey) {
    }
}

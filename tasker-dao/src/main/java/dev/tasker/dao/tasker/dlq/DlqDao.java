package dev.tasker.dao.tasker.dlq;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS_DLQ;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.TaskerDaoException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.schema.tasker.generated.Routines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The dead-letter queue of tasks, {@code tasker_tasks_dlq} (tasker-schema.md §2.14, §6.9). */
public final class DlqDao {

    /** The longest {@code resolved_by} the column takes. */
    public static final int MAX_RESOLVED_BY_LENGTH = 255;

    private static final String ENTITY = "dlq entry";

    private final DSLContext ctx;

    /** DLQ entry access on {@code ctx}. */
    public DlqDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** The entries matching {@code filter}, newest first (by DLQ timestamp, then entry uuid), in one query. */
    public List<DlqEntry> list(DlqFilter filter) {
        Arguments.required("filter", filter);
        List<Condition> conditions = new ArrayList<>();
        filter.resolutionStatus().ifPresent(status -> conditions.add(
                TASKER_TASKS_DLQ.RESOLUTION_STATUS.eq(status.generated())));
        filter.reason().ifPresent(reason -> conditions.add(TASKER_TASKS_DLQ.DLQ_REASON.eq(reason.generated())));
        filter.taskUuid().ifPresent(task -> conditions.add(TASKER_TASKS_DLQ.TASK_UUID.eq(task)));
        filter.since().ifPresent(since -> conditions.add(TASKER_TASKS_DLQ.DLQ_TIMESTAMP.ge(since)));
        return DaoErrors.call("list dlq entries", () -> ctx.selectFrom(TASKER_TASKS_DLQ)
                .where(conditions)
                .orderBy(TASKER_TASKS_DLQ.DLQ_TIMESTAMP.desc(), TASKER_TASKS_DLQ.DLQ_ENTRY_UUID.desc())
                .limit(filter.limit())
                .offset(filter.offset())
                .fetch(DlqEntry::of));
    }

    /** The entry {@code dlqEntryUuid}, if it exists. */
    public Optional<DlqEntry> find(UUID dlqEntryUuid) {
        Arguments.required("dlqEntryUuid", dlqEntryUuid);
        return DaoErrors.call("read dlq entry " + dlqEntryUuid, () -> ctx.selectFrom(TASKER_TASKS_DLQ)
                .where(TASKER_TASKS_DLQ.DLQ_ENTRY_UUID.eq(dlqEntryUuid))
                .fetchOptional(DlqEntry::of));
    }

    /** The pending entry of {@code taskUuid} (there is at most one), if any. */
    public Optional<DlqEntry> findPending(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return DaoErrors.call("read pending dlq entry of task " + taskUuid, () -> ctx.selectFrom(TASKER_TASKS_DLQ)
                .where(TASKER_TASKS_DLQ.TASK_UUID.eq(taskUuid))
                .and(TASKER_TASKS_DLQ.RESOLUTION_STATUS.eq(DlqResolutionStatus.PENDING.generated()))
                .fetchOptional(DlqEntry::of));
    }

    /**
     * Resolves the pending entry {@code dlqEntryUuid} with {@code status} (not {@code PENDING}), stamping the
     * resolution time; {@code notes} may be null. Only a pending entry can be resolved: an entry resolved already
     * is refused with a {@link ConflictException} and left unchanged, a missing one with a
     * {@link NotFoundException}.
     *
     * @return the entry as resolved
     */
    public DlqEntry resolve(UUID dlqEntryUuid, DlqResolutionStatus status, String resolvedBy, String notes) {
        Arguments.required("dlqEntryUuid", dlqEntryUuid);
        if (Arguments.required("status", status) == DlqResolutionStatus.PENDING) {
            throw new InvalidArgumentException("status", "a resolution must not be pending");
        }
        if (Arguments.notBlank("resolvedBy", resolvedBy).length() > MAX_RESOLVED_BY_LENGTH) {
            throw new InvalidArgumentException("resolvedBy", "must be at most " + MAX_RESOLVED_BY_LENGTH
                    + " characters, was " + resolvedBy.length());
        }
        Optional<DlqEntry> resolved = DaoErrors.call("resolve dlq entry " + dlqEntryUuid,
                () -> ctx.update(TASKER_TASKS_DLQ)
                        .set(TASKER_TASKS_DLQ.RESOLUTION_STATUS, status.generated())
                        .set(TASKER_TASKS_DLQ.RESOLUTION_TIMESTAMP, DSL.currentLocalDateTime())
                        .set(TASKER_TASKS_DLQ.RESOLUTION_NOTES, notes)
                        .set(TASKER_TASKS_DLQ.RESOLVED_BY, resolvedBy)
                        .where(TASKER_TASKS_DLQ.DLQ_ENTRY_UUID.eq(dlqEntryUuid))
                        .and(TASKER_TASKS_DLQ.RESOLUTION_STATUS.eq(DlqResolutionStatus.PENDING.generated()))
                        .returning()
                        .fetchOptional(DlqEntry::of));
        return resolved.orElseThrow(() -> notResolvable(dlqEntryUuid));
    }

    /**
     * Puts a task into the queue through {@code create_dlq_entry} (snapshot of the task, detection metadata).
     *
     * @return the new entry's uuid, or empty if the task already has a pending entry (nothing written)
     * @throws NotFoundException if the task does not exist
     */
    public Optional<UUID> create(NewDlqEntry entry) {
        Arguments.required("entry", entry);
        UUID created = DaoErrors.call("create dlq entry for task " + entry.taskUuid(),
                () -> Routines.createDlqEntry(ctx.configuration(), entry.taskUuid(), entry.namespaceName(),
                        entry.taskName(), entry.currentState().databaseValue(), entry.timeInStateMinutes(),
                        entry.thresholdMinutes(), entry.reason().databaseValue()));
        if (created != null) {
            return Optional.of(created);
        }
        if (findPending(entry.taskUuid()).isPresent()) {
            return Optional.empty();
        }
        if (!DaoErrors.call("check task " + entry.taskUuid(), () -> ctx.fetchExists(TASKER_TASKS,
                TASKER_TASKS.TASK_UUID.eq(entry.taskUuid())))) {
            throw new NotFoundException("task", entry.taskUuid());
        }
        throw new TaskerDaoException("create_dlq_entry created no entry for task " + entry.taskUuid()
                + " and reported no pending one; see the server log for its warning");
    }

    private TaskerDaoException notResolvable(UUID dlqEntryUuid) {
        return find(dlqEntryUuid)
                .<TaskerDaoException>map(current -> new ConflictException(ENTITY, dlqEntryUuid, ENTITY + " "
                        + dlqEntryUuid + " is already " + current.resolutionStatus().databaseValue()
                        + "; only a pending entry can be resolved"))
                .orElseGet(() -> new NotFoundException(ENTITY, dlqEntryUuid));
    }
}

package dev.tasker.dao.tasker.tasks;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS_DLQ;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_ANNOTATIONS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASK_TRANSITIONS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_EDGES;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_RESULT_AUDIT;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_TRANSITIONS;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.schema.tasker.generated.tables.records.TaskerTasksRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Tasks ({@code tasker_tasks}): create, read, list by current state, mark complete, update context and tags,
 * delete. Runs on the given context, inside the caller's transaction if any. State transitions are not written
 * here (see the transitions package).
 */
public final class TaskDao {

    private static final Reference NAMED_TASK = new Reference("tasker_tasks_named_task_uuid_fkey", "named task");
    private static final KeyedTable<TaskerTasksRecord, UUID, Task> ROWS = new KeyedTable<>("task", "uuid",
            TASKER_TASKS, TASKER_TASKS.TASK_UUID, TASKER_TASKS.UPDATED_AT, Task::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public TaskDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Inserts {@code task} (one statement) and returns the stored row. {@code InvalidArgumentException} naming the
     * field for a missing correlation id, named task or identity hash or an over-long text;
     * {@code NotFoundException} if the named task does not exist.
     */
    public Task create(NewTask task) {
        Arguments.required("task", task);
        task.validate();
        var t = TASKER_TASKS;
        Field<LocalDateTime> requestedAt = task.requestedAt() == null ? DSL.currentLocalDateTime()
                : DSL.val(task.requestedAt(), t.REQUESTED_AT);
        return ForeignKeys.call("create task", () -> ctx.insertInto(t)
                .set(t.NAMED_TASK_UUID, task.namedTaskUuid())
                .set(t.CORRELATION_ID, task.correlationId())
                .set(t.PARENT_CORRELATION_ID, task.parentCorrelationId())
                .set(t.IDENTITY_HASH, task.identityHash())
                .set(t.CONTEXT, task.context())
                .set(t.TAGS, task.tags())
                .set(t.PRIORITY, task.priority())
                .set(t.INITIATOR, task.initiator())
                .set(t.SOURCE_SYSTEM, task.sourceSystem())
                .set(t.REASON, task.reason())
                .set(t.BYPASS_STEPS, task.bypassSteps() == null ? null : JSON.valueOf(task.bypassSteps().data()))
                .set(t.REQUESTED_AT, requestedAt)
                .set(t.CREATED_AT, DSL.currentLocalDateTime())
                .set(t.UPDATED_AT, DSL.currentLocalDateTime())
                .returning()
                .fetchOne(Task::from), NAMED_TASK);
    }

    /** The task {@code uuid}, if any. */
    public Optional<Task> get(UUID uuid) {
        return ROWS.get(ctx, uuid);
    }

    /**
     * The task with {@code correlationId}, if any. The column is not unique; should several tasks share it, the
     * oldest is returned.
     */
    public Optional<Task> findByCorrelationId(UUID correlationId) {
        Arguments.required("correlationId", correlationId);
        return ForeignKeys.call("find task by correlation id", () -> ctx.selectFrom(TASKER_TASKS)
                .where(TASKER_TASKS.CORRELATION_ID.eq(correlationId))
                .orderBy(TASKER_TASKS.CREATED_AT, TASKER_TASKS.TASK_UUID)
                .limit(1)
                .fetchOptional().map(Task::from));
    }

    /** The child tasks of the workflow {@code parentCorrelationId}, oldest first, in one query. */
    public List<Task> listByParentCorrelationId(UUID parentCorrelationId) {
        Arguments.required("parentCorrelationId", parentCorrelationId);
        return ForeignKeys.call("list tasks by parent correlation id", () -> ctx.selectFrom(TASKER_TASKS)
                .where(TASKER_TASKS.PARENT_CORRELATION_ID.eq(parentCorrelationId))
                .orderBy(TASKER_TASKS.CREATED_AT, TASKER_TASKS.TASK_UUID)
                .fetch(Task::from));
    }

    /**
     * Up to {@code limit} tasks whose current ({@code most_recent}) transition is to {@code state}, highest priority
     * first, then oldest: one query joining the current transition.
     */
    public List<Task> listByCurrentState(TaskState state, int limit) {
        Arguments.required("state", state);
        if (limit <= 0) {
            throw new InvalidArgumentException("limit", "must be positive, was " + limit);
        }
        var t = TASKER_TASKS;
        var tt = TASKER_TASK_TRANSITIONS;
        return ForeignKeys.call("list tasks by current state", () -> ctx.select(t.fields())
                .from(t)
                .join(tt).on(tt.TASK_UUID.eq(t.TASK_UUID).and(tt.MOST_RECENT.isTrue()))
                .where(tt.TO_STATE.eq(state.databaseValue()))
                .orderBy(t.PRIORITY.desc(), t.CREATED_AT, t.TASK_UUID)
                .limit(limit)
                .fetch(row -> Task.from(row.into(t))));
    }

    /** Sets {@code complete = true} and {@code completed_at = now()}; {@code NotFoundException} if no such task. */
    public Task markComplete(UUID uuid) {
        return ROWS.update(ctx, "mark task complete", uuid, update -> update
                .set(TASKER_TASKS.COMPLETE, true)
                .set(TASKER_TASKS.COMPLETED_AT, DSL.currentLocalDateTime()));
    }

    /** Replaces the context JSON (null stores SQL NULL); {@code NotFoundException} if no such task. */
    public Task updateContext(UUID uuid, JSONB context) {
        return ROWS.update(ctx, "update task context", uuid, update -> update.set(TASKER_TASKS.CONTEXT, context));
    }

    /** Replaces the tags JSON (null stores SQL NULL); {@code NotFoundException} if no such task. */
    public Task updateTags(UUID uuid, JSONB tags) {
        return ROWS.update(ctx, "update task tags", uuid, update -> update.set(TASKER_TASKS.TAGS, tags));
    }

    /**
     * Deletes the task with everything that belongs to it (its steps with their transitions, edges and result
     * audit rows, its transitions, annotations and DLQ entries), all or nothing. False if there was no such task.
     */
    public boolean delete(UUID uuid) {
        Arguments.required("uuid", uuid);
        return ForeignKeys.call("delete task", () -> Atomic.run(ctx, bound -> {
            Select<Record1<UUID>> steps = DSL.select(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID)
                    .from(TASKER_WORKFLOW_STEPS).where(TASKER_WORKFLOW_STEPS.TASK_UUID.eq(uuid));
            bound.deleteFrom(TASKER_WORKFLOW_STEP_RESULT_AUDIT)
                    .where(TASKER_WORKFLOW_STEP_RESULT_AUDIT.TASK_UUID.eq(uuid)
                            .or(TASKER_WORKFLOW_STEP_RESULT_AUDIT.WORKFLOW_STEP_UUID.in(steps)))
                    .execute();
            bound.deleteFrom(TASKER_WORKFLOW_STEP_TRANSITIONS)
                    .where(TASKER_WORKFLOW_STEP_TRANSITIONS.WORKFLOW_STEP_UUID.in(steps)).execute();
            bound.deleteFrom(TASKER_WORKFLOW_STEP_EDGES)
                    .where(TASKER_WORKFLOW_STEP_EDGES.FROM_STEP_UUID.in(steps)
                            .or(TASKER_WORKFLOW_STEP_EDGES.TO_STEP_UUID.in(steps)))
                    .execute();
            bound.deleteFrom(TASKER_WORKFLOW_STEPS).where(TASKER_WORKFLOW_STEPS.TASK_UUID.eq(uuid)).execute();
            bound.deleteFrom(TASKER_TASK_TRANSITIONS).where(TASKER_TASK_TRANSITIONS.TASK_UUID.eq(uuid)).execute();
            bound.deleteFrom(TASKER_TASK_ANNOTATIONS).where(TASKER_TASK_ANNOTATIONS.TASK_UUID.eq(uuid)).execute();
            bound.deleteFrom(TASKER_TASKS_DLQ).where(TASKER_TASKS_DLQ.TASK_UUID.eq(uuid)).execute();
            return bound.deleteFrom(TASKER_TASKS).where(TASKER_TASKS.TASK_UUID.eq(uuid)).execute() > 0;
        }));
    }
}

package dev.tasker.dao.tasker.steps;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS_NAMED_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import dev.tasker.dao.tasker.support.KeyedTable;
import dev.tasker.schema.tasker.generated.tables.TaskerWorkflowSteps;
import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepsRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep9;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Workflow steps ({@code tasker_workflow_steps}): create from the task's template or explicitly (each in one
 * insert), read, claim, backoff, results, inputs, checkpoint, reset for retry and row locks. Runs on the given
 * context, inside the caller's transaction if any. The column side effects of state transitions
 * ({@code in_process}, {@code processed}, …) are written by the transitions package, not here. The single-step
 * writes (claim, backoff, results, inputs, checkpoint, reset) are one statement each and return the step as written;
 * {@code NotFoundException} if there is no such step.
 */
public final class WorkflowStepDao {

    static final Reference TASK = new Reference("tasker_workflow_steps_task_uuid_fkey", "task");
    private static final Reference NAMED_STEP = new Reference("tasker_workflow_steps_named_step_uuid_fkey",
            "named step");
    private static final TaskerWorkflowSteps S = TASKER_WORKFLOW_STEPS;
    private static final KeyedTable<TaskerWorkflowStepsRecord, UUID, WorkflowStep> ROWS = new KeyedTable<>(
            "workflow step", "uuid", S, S.WORKFLOW_STEP_UUID, S.UPDATED_AT, WorkflowStep::from);

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public WorkflowStepDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Creates the steps of {@code taskUuid} from its named task's template: one step per template row, with
     * {@code retryable}, {@code max_attempts} and {@code skippable} from the template's defaults, in one
     * {@code INSERT … SELECT}. Template rows that already have a step in this task are skipped, so calling it again
     * (or concurrently: the task row is locked first) creates nothing twice. Returns the steps created.
     * {@code NotFoundException} if the task does not exist.
     */
    public List<WorkflowStep> createFromTemplate(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        var n = TASKER_NAMED_TASKS_NAMED_STEPS;
        var t = TASKER_TASKS;
        TaskerWorkflowSteps existing = S.as("existing");
        return ForeignKeys.call("create steps from template", () -> Atomic.run(ctx, bound -> {
            lockTask(bound, taskUuid);
            return bound.insertInto(S, S.TASK_UUID, S.NAMED_STEP_UUID, S.RETRYABLE, S.MAX_ATTEMPTS, S.SKIPPABLE,
                            S.CREATED_AT, S.UPDATED_AT)
                    .select(DSL.select(t.TASK_UUID, n.NAMED_STEP_UUID, n.DEFAULT_RETRYABLE, n.DEFAULT_MAX_ATTEMPTS,
                                    n.SKIPPABLE, DSL.currentLocalDateTime(), DSL.currentLocalDateTime())
                            .from(t)
                            .join(n).on(n.NAMED_TASK_UUID.eq(t.NAMED_TASK_UUID))
                            .where(t.TASK_UUID.eq(taskUuid))
                            .andNotExists(DSL.selectOne().from(existing)
                                    .where(existing.TASK_UUID.eq(t.TASK_UUID))
                                    .and(existing.NAMED_STEP_UUID.eq(n.NAMED_STEP_UUID)))
                            .orderBy(n.CREATED_AT, n.NTNS_UUID))
                    .returning()
                    .fetch(WorkflowStep::from);
        }));
    }

    /**
     * Creates {@code steps} in {@code taskUuid} with one multi-row insert and returns them in the given order.
     * {@code NotFoundException} (nothing written) if the task or a named step does not exist.
     */
    public List<WorkflowStep> createSteps(UUID taskUuid, List<NewStep> steps) {
        Arguments.required("taskUuid", taskUuid);
        Arguments.noNulls("steps", steps);
        if (steps.isEmpty()) {
            return List.of();
        }
        return ForeignKeys.call("create steps", () -> {
            InsertValuesStep9<TaskerWorkflowStepsRecord, UUID, UUID, Boolean, Integer, Boolean, Integer, JSONB,
                    LocalDateTime, LocalDateTime> insert = ctx.insertInto(S, S.TASK_UUID,
                    S.NAMED_STEP_UUID, S.RETRYABLE, S.MAX_ATTEMPTS, S.SKIPPABLE, S.PRIORITY, S.INPUTS, S.CREATED_AT,
                    S.UPDATED_AT);
            for (NewStep step : steps) {
                insert = insert.values(DSL.val(taskUuid, S.TASK_UUID),
                        DSL.val(step.namedStepUuid(), S.NAMED_STEP_UUID), DSL.val(step.retryable(), S.RETRYABLE),
                        DSL.val(step.maxAttempts(), S.MAX_ATTEMPTS),
                        DSL.val(step.skippable(), S.SKIPPABLE), DSL.val(step.priority(), S.PRIORITY),
                        DSL.val(step.inputs(), S.INPUTS), DSL.currentLocalDateTime(), DSL.currentLocalDateTime());
            }
            return insert.returning().fetch(WorkflowStep::from);
        }, TASK, NAMED_STEP);
    }

    /** The step {@code uuid}, if any. */
    public Optional<WorkflowStep> get(UUID uuid) {
        return ROWS.get(ctx, uuid);
    }

    /** The steps of {@code taskUuid}, oldest first, in one query. */
    public List<WorkflowStep> listForTask(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return ForeignKeys.call("list workflow steps", () -> ctx.selectFrom(S)
                .where(S.TASK_UUID.eq(taskUuid))
                .orderBy(S.CREATED_AT, S.WORKFLOW_STEP_UUID)
                .fetch(WorkflowStep::from));
    }

    /**
     * Records an attempt, as a worker does when it claims the step: {@code attempts = COALESCE(attempts, 0) + 1},
     * {@code last_attempted_at = now()}, in one statement (safe against concurrent claims: each counts).
     */
    public WorkflowStep claim(UUID uuid) {
        return ROWS.update(ctx, "claim workflow step", uuid, update -> update
                .set(S.ATTEMPTS, DSL.coalesce(S.ATTEMPTS, DSL.inline(0)).plus(1))
                .set(S.LAST_ATTEMPTED_AT, DSL.currentLocalDateTime()));
    }

    /**
     * Asks for {@code seconds} of backoff before the next attempt, as upstream's orchestration (and
     * {@code set_step_backoff_atomic}) does: {@code backoff_request_seconds = seconds} and
     * {@code last_attempted_at = now()}, so the step's {@code next_retry_at} (tasker-schema.md §6.2) is now plus
     * {@code seconds}.
     */
    public WorkflowStep setBackoff(UUID uuid, int seconds) {
        Arguments.notNegative("seconds", seconds);
        return ROWS.update(ctx, "set workflow step backoff", uuid, update -> update
                .set(S.BACKOFF_REQUEST_SECONDS, seconds)
                .set(S.LAST_ATTEMPTED_AT, DSL.currentLocalDateTime()));
    }

    /** Clears the requested backoff. */
    public WorkflowStep clearBackoff(UUID uuid) {
        return ROWS.update(ctx, "clear workflow step backoff", uuid,
                update -> update.setNull(S.BACKOFF_REQUEST_SECONDS));
    }

    /** Replaces the results JSON (null stores SQL NULL). */
    public WorkflowStep setResults(UUID uuid, JSONB results) {
        return ROWS.update(ctx, "set workflow step results", uuid, update -> update.set(S.RESULTS, results));
    }

    /** Replaces the inputs JSON (null stores SQL NULL). */
    public WorkflowStep setInputs(UUID uuid, JSONB inputs) {
        return ROWS.update(ctx, "set workflow step inputs", uuid, update -> update.set(S.INPUTS, inputs));
    }

    /** Stores {@code checkpoint} (required; use {@link #clearCheckpoint}) for a batch step to resume from. */
    public WorkflowStep setCheckpoint(UUID uuid, JSONB checkpoint) {
        Arguments.required("checkpoint", checkpoint);
        return ROWS.update(ctx, "set workflow step checkpoint", uuid,
                update -> update.set(S.CHECKPOINT, checkpoint));
    }

    /** Removes the checkpoint. */
    public WorkflowStep clearCheckpoint(UUID uuid) {
        return ROWS.update(ctx, "clear workflow step checkpoint", uuid, update -> update.setNull(S.CHECKPOINT));
    }

    /**
     * The full reset for a retry from scratch (the column part of {@code ResetForRetry}, tasker-schema.md §7.2):
     * {@code attempts = 0}, not in process, not processed, no {@code processed_at}, no results, no backoff. Inputs,
     * checkpoint and {@code last_attempted_at} are kept. The state transition to {@code pending} is written by the
     * transitions package.
     */
    public WorkflowStep resetForRetry(UUID uuid) {
        return ROWS.update(ctx, "reset workflow step for retry", uuid, update -> update
                .set(S.ATTEMPTS, 0)
                .set(S.IN_PROCESS, false)
                .set(S.PROCESSED, false)
                .setNull(S.PROCESSED_AT)
                .setNull(S.RESULTS)
                .setNull(S.BACKOFF_REQUEST_SECONDS));
    }

    /**
     * Locks the step row ({@code SELECT … FOR UPDATE}) until the end of the caller's transaction and returns it;
     * empty if there is no such step. Only meaningful inside a transaction (on an autocommit connection the lock
     * ends with the statement).
     */
    public Optional<WorkflowStep> lockForUpdate(UUID uuid) {
        Arguments.required("uuid", uuid);
        return ForeignKeys.call("lock workflow step", () -> ctx.selectFrom(S)
                .where(S.WORKFLOW_STEP_UUID.eq(uuid)).forUpdate().fetchOptional().map(WorkflowStep::from));
    }

    /** Locks the task row {@code FOR UPDATE}; {@code NotFoundException} if there is no such task. */
    static void lockTask(DSLContext bound, UUID taskUuid) {
        bound.select(TASKER_TASKS.TASK_UUID).from(TASKER_TASKS).where(TASKER_TASKS.TASK_UUID.eq(taskUuid))
                .forUpdate().fetchOptional().orElseThrow(() -> new NotFoundException("task", taskUuid));
    }
}

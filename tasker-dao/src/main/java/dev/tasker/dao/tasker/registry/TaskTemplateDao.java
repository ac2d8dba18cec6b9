package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS_NAMED_STEPS;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.dao.tasker.support.ForeignKeys.Reference;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Task templates: which named steps a named task consists of, with their {@link StepDefaults}
 * ({@code tasker_named_tasks_named_steps}, unique by (named task, named step)). Runs on the given context, inside
 * the caller's transaction if any.
 */
public final class TaskTemplateDao {

    private static final Reference NAMED_TASK = new Reference(
            "tasker_named_tasks_named_steps_named_task_uuid_fkey", "named task");
    private static final Reference NAMED_STEP = new Reference(
            "tasker_named_tasks_named_steps_named_step_uuid_fkey", "named step");
    private static final String LINK = "link template step";

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public TaskTemplateDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Makes {@code namedStepUuid} a step of {@code namedTaskUuid} with {@code defaults}, unless it already is one (an
     * existing link keeps its defaults; see {@link #updateDefaults}). Safe when callers race ({@code ON CONFLICT
     * (named_task_uuid, named_step_uuid) DO NOTHING}). {@code NotFoundException} if either does not exist.
     */
    public TemplateStep link(UUID namedTaskUuid, UUID namedStepUuid, StepDefaults defaults) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        Arguments.required("namedStepUuid", namedStepUuid);
        Arguments.required("defaults", defaults);
        var t = TASKER_NAMED_TASKS_NAMED_STEPS;
        ForeignKeys.call(LINK, () -> ctx.insertInto(t)
                .set(t.NAMED_TASK_UUID, namedTaskUuid)
                .set(t.NAMED_STEP_UUID, namedStepUuid)
                .set(t.SKIPPABLE, defaults.skippable())
                .set(t.DEFAULT_RETRYABLE, defaults.retryable())
                .set(t.DEFAULT_MAX_ATTEMPTS, defaults.maxAttempts())
                .set(t.CREATED_AT, DSL.currentLocalDateTime())
                .set(t.UPDATED_AT, DSL.currentLocalDateTime())
                .onConflict(t.NAMED_TASK_UUID, t.NAMED_STEP_UUID)
                .doNothing()
                .execute(), NAMED_TASK, NAMED_STEP);
        return find(namedTaskUuid, namedStepUuid).orElseThrow(() -> new ConflictException("template step",
                namedStepUuid, "template step was linked concurrently but is not visible to this transaction"));
    }

    /** The link of {@code namedStepUuid} into {@code namedTaskUuid}, if any. */
    public Optional<TemplateStep> find(UUID namedTaskUuid, UUID namedStepUuid) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        Arguments.required("namedStepUuid", namedStepUuid);
        return ForeignKeys.call("find template step", () -> selectWhere(linkOf(namedTaskUuid, namedStepUuid))
                .stream().findFirst());
    }

    /** The steps of {@code namedTaskUuid}'s template, in the order they were linked, in one query. */
    public List<TemplateStep> steps(UUID namedTaskUuid) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        return ForeignKeys.call("list template steps",
                () -> selectWhere(TASKER_NAMED_TASKS_NAMED_STEPS.NAMED_TASK_UUID.eq(namedTaskUuid)));
    }

    /** Replaces the defaults of an existing link; {@code NotFoundException} if there is no such link. */
    public TemplateStep updateDefaults(UUID namedTaskUuid, UUID namedStepUuid, StepDefaults defaults) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        Arguments.required("namedStepUuid", namedStepUuid);
        Arguments.required("defaults", defaults);
        var t = TASKER_NAMED_TASKS_NAMED_STEPS;
        int updated = ForeignKeys.call("update template step", () -> ctx.update(t)
                .set(t.SKIPPABLE, defaults.skippable())
                .set(t.DEFAULT_RETRYABLE, defaults.retryable())
                .set(t.DEFAULT_MAX_ATTEMPTS, defaults.maxAttempts())
                .set(t.UPDATED_AT, DSL.currentLocalDateTime())
                .where(linkOf(namedTaskUuid, namedStepUuid))
                .execute());
        if (updated == 0) {
            throw new NotFoundException("template step", List.of(namedTaskUuid, namedStepUuid));
        }
        return find(namedTaskUuid, namedStepUuid)
                .orElseThrow(() -> new NotFoundException("template step", List.of(namedTaskUuid, namedStepUuid)));
    }

    /** Removes {@code namedStepUuid} from {@code namedTaskUuid}'s template; false if it was not part of it. */
    public boolean unlink(UUID namedTaskUuid, UUID namedStepUuid) {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        Arguments.required("namedStepUuid", namedStepUuid);
        return ForeignKeys.call("unlink template step", () -> ctx.deleteFrom(TASKER_NAMED_TASKS_NAMED_STEPS)
                .where(linkOf(namedTaskUuid, namedStepUuid)).execute() > 0);
    }

    private static Condition linkOf(UUID namedTaskUuid, UUID namedStepUuid) {
        return TASKER_NAMED_TASKS_NAMED_STEPS.NAMED_TASK_UUID.eq(namedTaskUuid)
                .and(TASKER_NAMED_TASKS_NAMED_STEPS.NAMED_STEP_UUID.eq(namedStepUuid));
    }

    private List<TemplateStep> selectWhere(Condition condition) {
        var t = TASKER_NAMED_TASKS_NAMED_STEPS;
        return ctx.select(t.fields()).select(TASKER_NAMED_STEPS.NAME)
                .from(t)
                .join(TASKER_NAMED_STEPS).on(TASKER_NAMED_STEPS.NAMED_STEP_UUID.eq(t.NAMED_STEP_UUID))
                .where(condition)
                .orderBy(t.CREATED_AT, t.NTNS_UUID)
                .fetch(TemplateStep::from);
    }
}

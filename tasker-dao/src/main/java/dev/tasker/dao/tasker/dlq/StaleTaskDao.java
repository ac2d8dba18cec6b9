package dev.tasker.dao.tasker.dlq;

import static dev.tasker.schema.tasker.generated.Tables.DETECT_AND_TRANSITION_STALE_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.GET_STALE_TASKS_FOR_DLQ;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_TASKS;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.schema.tasker.generated.Routines;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Stale-task detection (tasker-schema.md §6.9): finding tasks stuck in a waiting or processing state, and the sweep
 * that moves them to the DLQ and to {@code error}. Each call is one statement, so a sweep is all-or-nothing per
 * call as the database function makes it.
 */
public final class StaleTaskDao {

    /** The functions' default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    private final DSLContext ctx;

    /** Stale-task detection on {@code ctx}. */
    public StaleTaskDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * The staleness threshold in minutes for a task in {@code state} of a template configured with
     * {@code templateConfig} (its {@code lifecycle} overrides win over {@code defaults}); 1440 for a state that is
     * not stale-able.
     */
    public int stalenessThreshold(TaskState state, JSONB templateConfig, StalenessThresholds defaults) {
        Arguments.required("state", state);
        Arguments.required("templateConfig", templateConfig);
        Arguments.required("defaults", defaults);
        return DaoErrors.call("calculate staleness threshold", () -> Routines.calculateStalenessThreshold(
                ctx.configuration(), state.databaseValue(), templateConfig, defaults.waitingForDependenciesMinutes(),
                defaults.waitingForRetryMinutes(), defaults.stepsInProcessMinutes()));
    }

    /** Up to {@code batchSize} (≥ 0) stale tasks without a pending DLQ entry, longest in their state first. */
    public List<StaleTask> findStale(StalenessThresholds thresholds, int batchSize) {
        Arguments.required("thresholds", thresholds);
        Arguments.notNegative("batchSize", batchSize);
        return DaoErrors.call("find stale tasks", () -> ctx.selectFrom(GET_STALE_TASKS_FOR_DLQ.call(
                        thresholds.waitingForDependenciesMinutes(), thresholds.waitingForRetryMinutes(),
                        thresholds.stepsInProcessMinutes(), thresholds.maxTaskLifetimeHours(), batchSize))
                .fetch(StaleTask::of));
    }

    /** What {@link #sweep} would do, without writing anything (every action is a "would" action). */
    public List<StaleTaskOutcome> dryRun(StalenessThresholds thresholds, int batchSize) {
        return detect(true, thresholds, batchSize);
    }

    /**
     * Moves up to {@code batchSize} (≥ 0) stale tasks to the DLQ (reason staleness timeout) and to {@code error},
     * reporting per task what succeeded.
     */
    public List<StaleTaskOutcome> sweep(StalenessThresholds thresholds, int batchSize) {
        return detect(false, thresholds, batchSize);
    }

    /**
     * Moves one task from {@code currentState} to {@code error} with the staleness reason in the transition
     * metadata (compare-and-set: false, and nothing written, if the task is no longer in {@code currentState}).
     * {@link NotFoundException} if there is no such task.
     */
    public boolean transitionToError(UUID taskUuid, TaskState currentState, String namespaceName, String taskName) {
        Arguments.required("taskUuid", taskUuid);
        Arguments.required("currentState", currentState);
        Arguments.notBlank("namespaceName", namespaceName);
        Arguments.notBlank("taskName", taskName);
        return DaoErrors.call("move stale task " + taskUuid + " to error", () -> {
            if (Boolean.TRUE.equals(Routines.transitionStaleTaskToError(ctx.configuration(), taskUuid,
                    currentState.databaseValue(), namespaceName, taskName))) {
                return true;
            }
            if (!ctx.fetchExists(TASKER_TASKS, TASKER_TASKS.TASK_UUID.eq(taskUuid))) {
                throw new NotFoundException("task", taskUuid);
            }
            return false;
        });
    }

    private List<StaleTaskOutcome> detect(boolean dryRun, StalenessThresholds thresholds, int batchSize) {
        Arguments.required("thresholds", thresholds);
        Arguments.notNegative("batchSize", batchSize);
        return DaoErrors.call(dryRun ? "dry-run stale task sweep" : "sweep stale tasks",
                () -> ctx.selectFrom(DETECT_AND_TRANSITION_STALE_TASKS.call(dryRun, batchSize,
                                thresholds.waitingForDependenciesMinutes(), thresholds.waitingForRetryMinutes(),
                                thresholds.stepsInProcessMinutes(), thresholds.maxTaskLifetimeHours()))
                        .fetch(StaleTaskOutcome::of));
    }
}

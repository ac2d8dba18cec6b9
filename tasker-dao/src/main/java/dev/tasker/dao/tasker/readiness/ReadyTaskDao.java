package dev.tasker.dao.tasker.readiness;

import static dev.tasker.schema.tasker.generated.Tables.GET_NEXT_READY_TASK;
import static dev.tasker.schema.tasker.generated.Tables.GET_NEXT_READY_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.GET_TASK_READY_INFO;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Tasks ready to be claimed (tasker-schema.md §6.7). The functions lock nothing: two callers may be offered the
 * same task, so claiming must be made exclusive by the task's transition (compare-and-set), not by these queries.
 */
public final class ReadyTaskDao {

    private final DSLContext ctx;

    /** Ready-task queries on {@code ctx}. */
    public ReadyTaskDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** Up to {@code limit} (≥ 0) claimable tasks, highest computed priority first. */
    public List<ReadyTask> nextReadyTasks(int limit) {
        Arguments.notNegative("limit", limit);
        return DaoErrors.call("read next ready tasks", () -> ctx.selectFrom(GET_NEXT_READY_TASKS.call(limit))
                .fetch(ReadyTask::of));
    }

    /** The claimable task of highest computed priority, if any. */
    public Optional<ReadyTask> nextReadyTask() {
        return DaoErrors.call("read next ready task", () -> ctx.selectFrom(GET_NEXT_READY_TASK())
                .fetchOptionalInto(GET_NEXT_READY_TASKS)
                .map(ReadyTask::of));
    }

    /**
     * The ready information of {@code taskUuid} whatever its state (computed priority without decay), empty if the
     * task does not exist or has no transition yet.
     */
    public Optional<ReadyTask> readyInfo(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return DaoErrors.call("read ready info of task " + taskUuid,
                () -> ctx.selectFrom(GET_TASK_READY_INFO.call(taskUuid))
                        .fetchOptionalInto(GET_NEXT_READY_TASKS)
                        .map(ReadyTask::of));
    }
}

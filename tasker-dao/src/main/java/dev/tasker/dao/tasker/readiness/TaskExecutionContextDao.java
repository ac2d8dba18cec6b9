package dev.tasker.dao.tasker.readiness;

import static dev.tasker.schema.tasker.generated.Tables.GET_TASK_EXECUTION_CONTEXT;
import static dev.tasker.schema.tasker.generated.Tables.GET_TASK_EXECUTION_CONTEXTS_BATCH;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.support.UuidArrays;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Task execution contexts (tasker-schema.md §6.4), for one task or many in one round trip. */
public final class TaskExecutionContextDao {

    private final DSLContext ctx;

    /** Execution-context queries on {@code ctx}. */
    public TaskExecutionContextDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** The execution context of {@code taskUuid}, empty if there is no such task. */
    public Optional<TaskExecutionContext> forTask(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return DaoErrors.call("read execution context of task " + taskUuid,
                () -> ctx.selectFrom(GET_TASK_EXECUTION_CONTEXT.call(taskUuid))
                        .fetchOptionalInto(GET_TASK_EXECUTION_CONTEXTS_BATCH)
                        .map(TaskExecutionContext::of));
    }

    /**
     * The execution contexts of {@code taskUuids} in one call, keyed by task uuid in the order given; unknown
     * tasks are absent. A uuid listed twice is asked for once (the batch function would count its steps twice).
     */
    public Map<UUID, TaskExecutionContext> forTasks(Collection<UUID> taskUuids) {
        UUID[] tasks = UuidArrays.distinct("taskUuids", taskUuids);
        if (tasks.length == 0) {
            return Map.of();
        }
        Map<UUID, TaskExecutionContext> byTask = DaoErrors.call("read execution contexts of " + tasks.length
                + " tasks", () -> ctx.selectFrom(GET_TASK_EXECUTION_CONTEXTS_BATCH.call(tasks))
                .fetch(TaskExecutionContext::of)
                .stream()
                .collect(Collectors.toMap(TaskExecutionContext::taskUuid, Function.identity())));
        Map<UUID, TaskExecutionContext> inInputOrder = new LinkedHashMap<>();
        Arrays.stream(tasks).filter(byTask::containsKey).forEach(task -> inInputOrder.put(task, byTask.get(task)));
        return Collections.unmodifiableMap(inInputOrder);
    }
}

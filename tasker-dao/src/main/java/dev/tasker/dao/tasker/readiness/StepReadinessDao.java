package dev.tasker.dao.tasker.readiness;

import static dev.tasker.schema.tasker.generated.Tables.GET_STEP_READINESS_STATUS;
import static dev.tasker.schema.tasker.generated.Tables.GET_STEP_READINESS_STATUS_BATCH;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import dev.tasker.dao.tasker.support.UuidArrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * Step readiness (tasker-schema.md §6.2): which workflow steps may be enqueued now. Every method is one round
 * trip; rows come ordered by task uuid, then step uuid.
 */
public final class StepReadinessDao {

    private final DSLContext ctx;

    /** Readiness queries on {@code ctx}. */
    public StepReadinessDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** The readiness of every step of {@code taskUuid} (empty for an unknown task or one without steps). */
    public List<StepReadiness> forTask(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return fetch("read step readiness of task " + taskUuid, GET_STEP_READINESS_STATUS.call(taskUuid, null));
    }

    /**
     * The readiness of those steps of {@code taskUuid} whose uuid is in {@code stepUuids} (must not be empty; steps
     * of other tasks are not reported).
     */
    public List<StepReadiness> forTask(UUID taskUuid, Collection<UUID> stepUuids) {
        Arguments.required("taskUuid", taskUuid);
        UUID[] steps = UuidArrays.distinctNotEmpty("stepUuids", stepUuids);
        return fetch("read step readiness of task " + taskUuid, GET_STEP_READINESS_STATUS.call(taskUuid, steps));
    }

    /** The readiness of one step of {@code taskUuid}, empty if the task has no such step. */
    public Optional<StepReadiness> forStep(UUID taskUuid, UUID stepUuid) {
        Arguments.required("stepUuid", stepUuid);
        return forTask(taskUuid, List.of(stepUuid)).stream().findFirst();
    }

    /** The readiness of every step of every task in {@code taskUuids}, in one call (empty input: no rows). */
    public List<StepReadiness> forTasks(Collection<UUID> taskUuids) {
        UUID[] tasks = UuidArrays.distinct("taskUuids", taskUuids);
        return tasks.length == 0 ? List.of()
                : fetch("read step readiness of " + tasks.length + " tasks",
                        GET_STEP_READINESS_STATUS_BATCH.call(tasks, null));
    }

    /**
     * The readiness of the steps in {@code stepUuids} (must not be empty) that belong to a task in
     * {@code taskUuids}, in one call.
     */
    public List<StepReadiness> forTasks(Collection<UUID> taskUuids, Collection<UUID> stepUuids) {
        UUID[] tasks = UuidArrays.distinct("taskUuids", taskUuids);
        UUID[] steps = UuidArrays.distinctNotEmpty("stepUuids", stepUuids);
        return tasks.length == 0 ? List.of()
                : fetch("read step readiness of " + tasks.length + " tasks",
                        GET_STEP_READINESS_STATUS_BATCH.call(tasks, steps));
    }

    private List<StepReadiness> fetch(String operation, Table<?> readiness) {
        return DaoErrors.call(operation, () -> ctx.selectFrom(readiness)
                .fetchInto(GET_STEP_READINESS_STATUS_BATCH)
                .map(StepReadiness::of));
    }
}

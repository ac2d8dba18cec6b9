package dev.tasker.dao.tasker.steps;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_EDGES;

import dev.tasker.dao.tasker.CycleException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Atomic;
import dev.tasker.dao.tasker.support.ForeignKeys;
import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepEdgesRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.impl.DSL;

/**
 * The {@code provides} edges between the workflow steps of a task ({@code tasker_workflow_step_edges}), with a
 * cycle check: an edge that would close a cycle is refused with {@link CycleException} and nothing is written.
 * Runs on the given context, inside the caller's transaction if any.
 *
 * <p>Adding edges is race-safe: inside one all-or-nothing unit the owning task's row is locked
 * ({@code SELECT … FOR UPDATE}) before the reachability query, so two concurrent edges A → B and B → A cannot both
 * pass. This relies on each statement seeing rows committed before it started (READ COMMITTED, the default); in a
 * caller's REPEATABLE READ transaction the second writer's snapshot may predate the first writer's edge.
 */
public final class StepEdgeDao {

    /** The edge name the application uses. */
    public static final String PROVIDES = "provides";

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public StepEdgeDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * Adds the edge {@code fromStep → toStep} ({@code ON CONFLICT (from_step_uuid, to_step_uuid, name) DO NOTHING}:
     * an existing edge is returned as it is). {@code CycleException} (carrying the path) if {@code toStep} already
     * reaches {@code fromStep} or the two are the same step; {@code NotFoundException} if a step does not exist;
     * {@code InvalidArgumentException} if they belong to different tasks. Nothing is written when refused.
     */
    public StepEdge addEdge(UUID fromStep, UUID toStep) {
        NewEdge edge = new NewEdge(fromStep, toStep);
        refuseSelfEdge(edge);
        return ForeignKeys.call("add step edge", () -> Atomic.run(ctx, bound -> {
            Map<UUID, UUID> taskOf = tasksOf(bound, List.of(fromStep, toStep));
            UUID task = taskOf.get(fromStep);
            if (!task.equals(taskOf.get(toStep))) {
                throw new InvalidArgumentException("toStep", "step " + toStep + " belongs to task "
                        + taskOf.get(toStep) + ", but fromStep " + fromStep + " belongs to task " + task);
            }
            WorkflowStepDao.lockTask(bound, task);
            CycleCheck.refuseCycles(bound, task, List.of(edge));
            return insert(bound, List.of(edge)).stream().findFirst()
                    .orElseGet(() -> bound.selectFrom(TASKER_WORKFLOW_STEP_EDGES)
                            .where(TASKER_WORKFLOW_STEP_EDGES.FROM_STEP_UUID.eq(fromStep))
                            .and(TASKER_WORKFLOW_STEP_EDGES.TO_STEP_UUID.eq(toStep))
                            .and(TASKER_WORKFLOW_STEP_EDGES.NAME.eq(PROVIDES))
                            .fetchSingle(StepEdge::from));
        }));
    }

    /**
     * Adds many {@code provides} edges between steps of {@code taskUuid}, all or nothing: one task lock, one step
     * lookup, one cycle query over the existing plus the new edges, one multi-row insert. Duplicates in
     * {@code edges} and edges that already exist are skipped; returns the edges created. Refusals as for
     * {@link #addEdge}, plus {@code NotFoundException} if the task does not exist.
     */
    public List<StepEdge> addEdges(UUID taskUuid, List<NewEdge> edges) {
        Arguments.required("taskUuid", taskUuid);
        List<NewEdge> distinct = List.copyOf(new LinkedHashSet<>(Arguments.noNulls("edges", edges)));
        distinct.forEach(StepEdgeDao::refuseSelfEdge);
        if (distinct.isEmpty()) {
            return List.of();
        }
        return ForeignKeys.call("add step edges", () -> Atomic.run(ctx, bound -> {
            WorkflowStepDao.lockTask(bound, taskUuid);
            Set<UUID> steps = new LinkedHashSet<>();
            distinct.forEach(edge -> {
                steps.add(edge.fromStep());
                steps.add(edge.toStep());
            });
            tasksOf(bound, steps).forEach((step, task) -> {
                if (!task.equals(taskUuid)) {
                    throw new InvalidArgumentException("edges", "step " + step + " belongs to task " + task
                            + ", not to task " + taskUuid);
                }
            });
            CycleCheck.refuseCycles(bound, taskUuid, distinct);
            return insert(bound, distinct);
        }));
    }

    /** Deletes the {@code provides} edge {@code fromStep → toStep}; false if there was none. */
    public boolean deleteEdge(UUID fromStep, UUID toStep) {
        Arguments.required("fromStep", fromStep);
        Arguments.required("toStep", toStep);
        return ForeignKeys.call("delete step edge", () -> ctx.deleteFrom(TASKER_WORKFLOW_STEP_EDGES)
                .where(TASKER_WORKFLOW_STEP_EDGES.FROM_STEP_UUID.eq(fromStep))
                .and(TASKER_WORKFLOW_STEP_EDGES.TO_STEP_UUID.eq(toStep))
                .and(TASKER_WORKFLOW_STEP_EDGES.NAME.eq(PROVIDES))
                .execute() > 0);
    }

    /** The edges between the steps of {@code taskUuid} (of any name), oldest first, in one query. */
    public List<StepEdge> listForTask(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        var e = TASKER_WORKFLOW_STEP_EDGES;
        return ForeignKeys.call("list step edges", () -> ctx.select(e.fields())
                .from(e)
                .join(TASKER_WORKFLOW_STEPS).on(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID.eq(e.FROM_STEP_UUID))
                .where(TASKER_WORKFLOW_STEPS.TASK_UUID.eq(taskUuid))
                .orderBy(e.CREATED_AT, e.WORKFLOW_STEP_EDGE_UUID)
                .fetch(row -> StepEdge.from(row.into(e))));
    }

    private static void refuseSelfEdge(NewEdge edge) {
        if (edge.fromStep().equals(edge.toStep())) {
            throw new CycleException(edge.fromStep(), edge.toStep(), List.of(edge.fromStep()));
        }
    }

    /** Step → task for {@code steps} in one query; {@code NotFoundException} for the first missing step. */
    private static Map<UUID, UUID> tasksOf(DSLContext bound, Collection<UUID> steps) {
        var s = TASKER_WORKFLOW_STEPS;
        Map<UUID, UUID> taskOf = bound.select(s.WORKFLOW_STEP_UUID, s.TASK_UUID)
                .from(s)
                .where(s.WORKFLOW_STEP_UUID.in(steps))
                .fetchMap(s.WORKFLOW_STEP_UUID, s.TASK_UUID);
        steps.stream().filter(step -> !taskOf.containsKey(step)).findFirst().ifPresent(missing -> {
            throw new NotFoundException("workflow step", missing);
        });
        return taskOf;
    }

    private static List<StepEdge> insert(DSLContext bound, List<NewEdge> edges) {
        var e = TASKER_WORKFLOW_STEP_EDGES;
        InsertValuesStep5<TaskerWorkflowStepEdgesRecord, UUID, UUID, String, LocalDateTime, LocalDateTime> insert =
                bound.insertInto(e, e.FROM_STEP_UUID, e.TO_STEP_UUID, e.NAME, e.CREATED_AT, e.UPDATED_AT);
        for (NewEdge edge : edges) {
            insert = insert.values(DSL.val(edge.fromStep(), e.FROM_STEP_UUID),
                    DSL.val(edge.toStep(), e.TO_STEP_UUID), DSL.val(PROVIDES, e.NAME), DSL.currentLocalDateTime(),
                    DSL.currentLocalDateTime());
        }
        return new ArrayList<>(insert.onConflict(e.FROM_STEP_UUID, e.TO_STEP_UUID, e.NAME).doNothing()
                .returning().fetch(StepEdge::from));
    }
}

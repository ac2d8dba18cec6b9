package dev.tasker.dao.tasker.steps;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEP_EDGES;

import dev.tasker.dao.tasker.CycleException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Row3;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Refuses edges that would close a cycle in a task's step graph. One recursive query over the task's existing
 * edges plus the new ones finds whether any new edge {@code from → to} has {@code to} reaching {@code from}
 * (reachability with {@code UNION}, so each (edge, step) pair is visited once). Only when a cycle is found are the
 * task's edges read once more to report the path.
 */
final class CycleCheck {

    private static final Field<Integer> IDX = DSL.field(DSL.name("idx"), SQLDataType.INTEGER);
    private static final Field<UUID> FROM = DSL.field(DSL.name("from_step"), SQLDataType.UUID);
    private static final Field<UUID> TO = DSL.field(DSL.name("to_step"), SQLDataType.UUID);
    private static final Field<UUID> NODE = DSL.field(DSL.name("node"), SQLDataType.UUID);

    private CycleCheck() {
    }

    /** Throws {@link CycleException} for the first of {@code edges} that would close a cycle in {@code taskUuid}. */
    static void refuseCycles(DSLContext bound, UUID taskUuid, List<NewEdge> edges) {
        List<Row3<Integer, UUID, UUID>> rows = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            rows.add(DSL.row(DSL.val(i), DSL.val(edges.get(i).fromStep()), DSL.val(edges.get(i).toStep())));
        }
        @SuppressWarnings("unchecked")
        Row3<Integer, UUID, UUID>[] values = rows.toArray(Row3[]::new);
        CommonTableExpression<Record3<Integer, UUID, UUID>> newEdges = DSL.name("new_edges").as(
                DSL.select(IDX, FROM, TO).from(DSL.values(values).as("v", "idx", "from_step", "to_step")));
        var e = TASKER_WORKFLOW_STEP_EDGES;
        var s = TASKER_WORKFLOW_STEPS;
        CommonTableExpression<?> graph = DSL.name("graph").fields("from_step", "to_step").as(
                DSL.select(e.FROM_STEP_UUID, e.TO_STEP_UUID).from(e)
                        .join(s).on(s.WORKFLOW_STEP_UUID.eq(e.FROM_STEP_UUID))
                        .where(s.TASK_UUID.eq(taskUuid))
                        .union(DSL.select(FROM, TO).from(newEdges)));
        Table<?> reach = DSL.table(DSL.name("reach"));
        Field<Integer> reachIdx = DSL.field(DSL.name("reach", "idx"), SQLDataType.INTEGER);
        Field<UUID> reachNode = DSL.field(DSL.name("reach", "node"), SQLDataType.UUID);
        Field<UUID> graphFrom = DSL.field(DSL.name("graph", "from_step"), SQLDataType.UUID);
        Field<UUID> graphTo = DSL.field(DSL.name("graph", "to_step"), SQLDataType.UUID);
        CommonTableExpression<?> reachable = DSL.name("reach").fields("idx", "node").as(
                DSL.select(IDX, TO).from(newEdges)
                        .union(DSL.select(reachIdx, graphTo).from(reach).join(graph).on(graphFrom.eq(reachNode))));
        Field<Integer> newIdx = newEdges.field(IDX);
        bound.withRecursive(newEdges, graph, reachable)
                .select(newIdx)
                .from(newEdges)
                .join(reach).on(reachIdx.eq(newIdx).and(reachNode.eq(newEdges.field(FROM))))
                .orderBy(newIdx)
                .limit(1)
                .fetchOptional(newIdx)
                .ifPresent(index -> {
                    NewEdge closing = edges.get(index);
                    throw new CycleException(closing.fromStep(), closing.toStep(),
                            path(bound, taskUuid, edges, closing));
                });
    }

    /** The shortest path {@code closing.toStep … closing.fromStep} over the task's edges plus {@code edges}. */
    private static List<UUID> path(DSLContext bound, UUID taskUuid, List<NewEdge> edges, NewEdge closing) {
        Map<UUID, List<UUID>> successors = new HashMap<>();
        var e = TASKER_WORKFLOW_STEP_EDGES;
        var s = TASKER_WORKFLOW_STEPS;
        bound.select(e.FROM_STEP_UUID, e.TO_STEP_UUID).from(e)
                .join(s).on(s.WORKFLOW_STEP_UUID.eq(e.FROM_STEP_UUID))
                .where(s.TASK_UUID.eq(taskUuid))
                .forEach(row -> successors.computeIfAbsent(row.value1(), k -> new ArrayList<>()).add(row.value2()));
        edges.forEach(edge -> successors.computeIfAbsent(edge.fromStep(), k -> new ArrayList<>()).add(edge.toStep()));
        Map<UUID, UUID> cameFrom = new HashMap<>();
        Deque<UUID> queue = new ArrayDeque<>(List.of(closing.toStep()));
        cameFrom.put(closing.toStep(), closing.toStep());
        while (!queue.isEmpty() && !cameFrom.containsKey(closing.fromStep())) {
            UUID step = queue.removeFirst();
            for (UUID next : successors.getOrDefault(step, List.of())) {
                if (cameFrom.putIfAbsent(next, step) == null) {
                    queue.addLast(next);
                }
            }
        }
        List<UUID> path = new ArrayList<>();
        if (!cameFrom.containsKey(closing.fromStep())) {
            return List.of(closing.toStep(), closing.fromStep());
        }
        for (UUID step = closing.fromStep(); !step.equals(closing.toStep()); step = cameFrom.get(step)) {
            path.add(step);
        }
        path.add(closing.toStep());
        Collections.reverse(path);
        return path;
    }
}

package dev.tasker.dao.tasker.steps;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_STEP_DAG_RELATIONSHIPS;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.ForeignKeys;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Read-only queries over the view {@code tasker_step_dag_relationships}: a task's whole DAG, its roots and leaves,
 * one step's parents, children and depth. Each method is one query. Runs on the given context, inside the caller's
 * transaction if any.
 */
public final class StepDagDao {

    private static final String OPERATION = "read step DAG";

    private final DSLContext ctx;

    /** A DAO running its statements on {@code ctx}. */
    public StepDagDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** Every step of {@code taskUuid} with its relationships, by depth (unreachable steps last), then uuid. */
    public List<DagNode> dag(UUID taskUuid) {
        return nodesOfTask(taskUuid, TASKER_STEP_DAG_RELATIONSHIPS.TASK_UUID.isNotNull());
    }

    /** The steps of {@code taskUuid} without parents. */
    public List<DagNode> roots(UUID taskUuid) {
        return nodesOfTask(taskUuid, TASKER_STEP_DAG_RELATIONSHIPS.IS_ROOT_STEP.isTrue());
    }

    /** The steps of {@code taskUuid} without children. */
    public List<DagNode> leaves(UUID taskUuid) {
        return nodesOfTask(taskUuid, TASKER_STEP_DAG_RELATIONSHIPS.IS_LEAF_STEP.isTrue());
    }

    /** The relationships of step {@code stepUuid}, if it exists. */
    public Optional<DagNode> node(UUID stepUuid) {
        Arguments.required("stepUuid", stepUuid);
        return ForeignKeys.call(OPERATION, () -> ctx.selectFrom(TASKER_STEP_DAG_RELATIONSHIPS)
                .where(TASKER_STEP_DAG_RELATIONSHIPS.WORKFLOW_STEP_UUID.eq(stepUuid))
                .fetchOptional(DagNode::from));
    }

    /** The steps {@code stepUuid} depends on, by uuid; {@code NotFoundException} if there is no such step. */
    public List<UUID> parents(UUID stepUuid) {
        return requireNode(stepUuid).parents();
    }

    /** The steps that depend on {@code stepUuid}, by uuid; {@code NotFoundException} if there is no such step. */
    public List<UUID> children(UUID stepUuid) {
        return requireNode(stepUuid).children();
    }

    /**
     * The minimum number of edges from a root to {@code stepUuid}; empty if no root reaches it.
     * {@code NotFoundException} if there is no such step.
     */
    public Optional<Integer> depth(UUID stepUuid) {
        return requireNode(stepUuid).minDepthFromRoot();
    }

    private DagNode requireNode(UUID stepUuid) {
        return node(stepUuid).orElseThrow(() -> new NotFoundException("workflow step", stepUuid));
    }

    private List<DagNode> nodesOfTask(UUID taskUuid, Condition filter) {
        Arguments.required("taskUuid", taskUuid);
        var v = TASKER_STEP_DAG_RELATIONSHIPS;
        return ForeignKeys.call(OPERATION, () -> ctx.selectFrom(v)
                .where(v.TASK_UUID.eq(taskUuid)).and(filter)
                .orderBy(v.MIN_DEPTH_FROM_ROOT.asc().nullsLast(), v.WORKFLOW_STEP_UUID)
                .fetch(DagNode::from));
    }
}

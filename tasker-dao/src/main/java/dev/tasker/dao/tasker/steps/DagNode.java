package dev.tasker.dao.tasker.steps;

import dev.tasker.schema.tasker.generated.tables.records.TaskerStepDagRelationshipsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.JSONB;

/**
 * One step's place in its task's DAG, a row of the view {@code tasker_step_dag_relationships}: its parents and
 * children (sorted by uuid), whether it is a root or a leaf, and its minimum depth from a root (empty when no root
 * reaches it, e.g. on a cycle).
 */
public record DagNode(UUID stepUuid, UUID taskUuid, UUID namedStepUuid, List<UUID> parents, List<UUID> children,
        boolean root, boolean leaf, Optional<Integer> minDepthFromRoot) {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Copies the lists. */
    public DagNode {
        parents = List.copyOf(parents);
        children = List.copyOf(children);
    }

    static DagNode from(TaskerStepDagRelationshipsRecord row) {
        return new DagNode(row.getWorkflowStepUuid(), row.getTaskUuid(), row.getNamedStepUuid(),
                uuids(row.getParentStepUuids()), uuids(row.getChildStepUuids()), row.getIsRootStep(),
                row.getIsLeafStep(), Optional.ofNullable(row.getMinDepthFromRoot()));
    }

    /** The uuids of a JSON array of uuid strings, in array order. */
    private static List<UUID> uuids(JSONB array) {
        if (array == null) {
            return List.of();
        }
        Matcher matcher = UUID_TEXT.matcher(array.data());
        return matcher.results().map(match -> UUID.fromString(match.group())).toList();
    }
}

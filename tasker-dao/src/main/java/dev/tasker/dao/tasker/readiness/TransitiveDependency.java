package dev.tasker.dao.tasker.readiness;

import dev.tasker.schema.tasker.generated.tables.records.GetStepTransitiveDependenciesRecord;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * One row of {@code get_step_transitive_dependencies} (tasker-schema.md §6.6): an ancestor of the target step at
 * some distance. An ancestor reached along several paths appears once per path.
 *
 * @param workflowStepUuid the ancestor step
 * @param taskUuid         its task
 * @param namedStepUuid    its named step
 * @param stepName         the named step's name
 * @param results          its results, if any
 * @param processed        whether it has been processed
 * @param distance         edges between it and the target (1: a direct parent)
 */
public record TransitiveDependency(UUID workflowStepUuid, UUID taskUuid, UUID namedStepUuid, String stepName,
                                   Optional<JSONB> results, boolean processed, int distance) {

    static TransitiveDependency of(GetStepTransitiveDependenciesRecord row) {
        return new TransitiveDependency(row.getWorkflowStepUuid(), row.getTaskUuid(), row.getNamedStepUuid(),
                row.getStepName(), Optional.ofNullable(row.getResults()), Boolean.TRUE.equals(row.getProcessed()),
                row.getDistance());
    }
}

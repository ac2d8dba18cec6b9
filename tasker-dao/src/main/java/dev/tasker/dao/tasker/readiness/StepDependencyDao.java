package dev.tasker.dao.tasker.readiness;

import static dev.tasker.schema.tasker.generated.Tables.CALCULATE_DEPENDENCY_LEVELS;
import static dev.tasker.schema.tasker.generated.Tables.GET_STEP_TRANSITIVE_DEPENDENCIES;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** Dependency computations of the database over a task's step DAG (tasker-schema.md §6.5, §6.6). */
public final class StepDependencyDao {

    private final DSLContext ctx;

    /** Dependency queries on {@code ctx}. */
    public StepDependencyDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /**
     * The dependency level of each step of {@code taskUuid} reachable from a root: the longest path from any root
     * (roots are level 0), in order of level, then step uuid. Steps only reachable through a cycle are absent.
     */
    public Map<UUID, Integer> dependencyLevels(UUID taskUuid) {
        Arguments.required("taskUuid", taskUuid);
        return DaoErrors.call("calculate dependency levels of task " + taskUuid, () -> {
            Map<UUID, Integer> levels = new LinkedHashMap<>();
            ctx.selectFrom(CALCULATE_DEPENDENCY_LEVELS.call(taskUuid))
                    .forEach(row -> levels.put(row.getWorkflowStepUuid(), row.getDependencyLevel()));
            return Collections.unmodifiableMap(levels);
        });
    }

    /**
     * Every ancestor of {@code stepUuid} (up to distance 49), in order of distance, then step uuid; empty for a
     * root or an unknown step.
     */
    public List<TransitiveDependency> transitiveDependencies(UUID stepUuid) {
        Arguments.required("stepUuid", stepUuid);
        return DaoErrors.call("read transitive dependencies of step " + stepUuid,
                () -> ctx.selectFrom(GET_STEP_TRANSITIVE_DEPENDENCIES.call(stepUuid))
                        .fetch(TransitiveDependency::of));
    }
}

package dev.tasker.dao.tasker.readiness;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static dev.tasker.dao.tasker.RecordRows.assertRowsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.WorkflowData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link StepDependencyDao}: dependency levels and transitive dependencies of a diamond with a shortcut. */
class StepDependencyDaoTest extends TaskerDaoTest {

    private UUID task;
    private UUID root;
    private UUID left;
    private UUID right;
    private UUID sink;

    @BeforeAll
    void arrange() throws SQLException {
        WorkflowData data = new WorkflowData(db, fixtures, null);
        task = data.task(0);
        root = data.step(task);
        left = data.step(task);
        right = data.step(task);
        sink = data.step(task);
        data.edge(root, left);
        data.edge(root, right);
        data.edge(left, sink);
        data.edge(right, sink);
        data.edge(root, sink);
        data.execute("UPDATE tasker_workflow_steps SET results = '{\"total\": 42}', processed = true"
                + " WHERE workflow_step_uuid = ?", left);
    }

    @Test
    void levelsAreTheLongestPathFromARootInTheFunctionsOrder() throws SQLException {
        Map<UUID, Integer> levels = dao.stepDependencies().dependencyLevels(task);

        assertThat(levels).containsOnly(entry(root, 0), entry(left, 1), entry(right, 1), entry(sink, 2));
        assertThat(levels.keySet()).containsExactlyElementsOf(rows("SELECT workflow_step_uuid FROM"
                + " calculate_dependency_levels(?)", task).stream().map(row -> (UUID) row.get("workflow_step_uuid")).toList());
        assertThat(dao.stepDependencies().dependencyLevels(UUID.randomUUID())).isEmpty();
    }

    @Test
    void transitiveDependenciesListEveryAncestorPerPath() throws SQLException {
        List<TransitiveDependency> ancestors = dao.stepDependencies().transitiveDependencies(sink);

        assertRowsMatch(ancestors, rows("SELECT * FROM get_step_transitive_dependencies(?)", sink));
        assertThat(ancestors).extracting(TransitiveDependency::workflowStepUuid, TransitiveDependency::distance)
                .containsExactlyInAnyOrder(tuple(left, 1),
                        tuple(right, 1), tuple(root, 1),
                        tuple(root, 2), tuple(root, 2));
        TransitiveDependency processed = ancestors.stream().filter(a -> a.workflowStepUuid().equals(left))
                .findFirst().orElseThrow();
        assertThat(processed.results()).map(JSONB::data).contains("{\"total\": 42}");
        assertThat(processed.processed()).isTrue();
        assertThat(processed.taskUuid()).isEqualTo(task);
        assertThat(ancestors.stream().filter(a -> a.workflowStepUuid().equals(root)).findFirst().orElseThrow()
                .results()).isEmpty();
        assertThat(dao.stepDependencies().transitiveDependencies(root)).as("a root has none").isEmpty();
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertInvalid(() -> dao.stepDependencies().dependencyLevels(null), "taskUuid");
        assertInvalid(() -> dao.stepDependencies().transitiveDependencies(null), "stepUuid");
    }
}

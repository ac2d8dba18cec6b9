package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The view tasker_step_dag_relationships (tasker-schema.md §4.1): one row per step, parent and child uuid arrays
 * sorted by uuid, bigint counts, root and leaf flags, and min_depth_from_root from a recursion over the whole steps
 * table, bounded at depth 50.
 */
class StepDagViewTest extends TaskerFunctionTest {

    private TaskerScenario scenario;
    private UUID task;

    @BeforeEach
    void newTask() throws SQLException {
        scenario = newScenario();
        task = scenario.task();
    }

    /** A step with a random (not time-ordered) uuid, so that uuid order differs from creation order. */
    private UUID step() throws SQLException {
        return scenario.step(task, UUID.randomUUID());
    }

    private Map<String, Object> dag(UUID step) throws SQLException {
        return row("SELECT * FROM tasker_step_dag_relationships WHERE workflow_step_uuid = ?", step);
    }

    /** The view's rows for {@code task} on a connection that gives up after 10 s (a cycle must not hang it). */
    private Map<UUID, Object> depthsWithTimeout(UUID ofTask) throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '10s'");
            Map<UUID, Object> depths = new LinkedHashMap<>();
            for (Map<String, Object> row : rows(connection, "SELECT workflow_step_uuid, min_depth_from_root"
                    + " FROM tasker_step_dag_relationships WHERE task_uuid = ?", ofTask)) {
                depths.put((UUID) row.get("workflow_step_uuid"), row.get("min_depth_from_root"));
            }
            return depths;
        }
    }

    private static String jsonArray(List<UUID> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }

    @Test
    @DisplayName("parent and child uuids are JSON arrays sorted by uuid, [] when empty; counts are bigint")
    void arraysAndCounts() throws SQLException {
        UUID p1 = step();
        UUID p2 = step();
        UUID p3 = step();
        UUID middle = step();
        UUID c1 = step();
        UUID c2 = step();
        for (UUID parent : List.of(p1, p2, p3)) {
            scenario.edge(parent, middle);
        }
        scenario.edge(middle, c1);
        scenario.edge(middle, c2);

        Map<String, Object> row = dag(middle);

        assertThat(row.keySet()).containsExactly("workflow_step_uuid", "task_uuid", "named_step_uuid",
                "parent_step_uuids", "child_step_uuids", "parent_count", "child_count", "is_root_step",
                "is_leaf_step", "min_depth_from_root");
        assertThat(row).containsEntry("task_uuid", task).containsEntry("parent_count", 3L)
                .containsEntry("child_count", 2L).containsEntry("is_root_step", false)
                .containsEntry("is_leaf_step", false).containsEntry("min_depth_from_root", 1);
        assertThat(row.get("parent_step_uuids")).hasToString(jsonArray(pgSorted(p1, p2, p3)));
        assertThat(row.get("child_step_uuids")).hasToString(jsonArray(pgSorted(c1, c2)));
        assertThat(dag(p1)).containsEntry("parent_count", 0L).containsEntry("is_root_step", true)
                .containsEntry("min_depth_from_root", 0);
        assertThat(dag(p1).get("parent_step_uuids")).hasToString("[]");
        assertThat(dag(c1)).containsEntry("child_count", 0L).containsEntry("is_leaf_step", true);
        assertThat(dag(c1).get("child_step_uuids")).hasToString("[]");
    }

    @Test
    @DisplayName("an isolated step is a root and a leaf at depth 0")
    void isolatedStep() throws SQLException {
        UUID alone = step();

        assertThat(dag(alone)).containsEntry("parent_count", 0L).containsEntry("child_count", 0L)
                .containsEntry("is_root_step", true).containsEntry("is_leaf_step", true)
                .containsEntry("min_depth_from_root", 0);
    }

    @Test
    @DisplayName("min_depth_from_root is the shortest path from a root (MIN over all paths)")
    void shortestDepth() throws SQLException {
        UUID a = step();
        UUID b = step();
        UUID c = step();
        UUID d = step();
        scenario.edge(a, b);
        scenario.edge(b, c);
        scenario.edge(c, d);
        scenario.edge(a, d);

        assertThat(depthsWithTimeout(task)).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 1, c, 2, d, 1));
    }

    @Test
    @DisplayName("members of a cycle that no root reaches get NULL; a cycle reachable from a root terminates")
    void cycles() throws SQLException {
        UUID x = step();
        UUID y = step();
        scenario.edge(x, y);
        scenario.edge(y, x);
        UUID root = step();
        UUID b = step();
        UUID c = step();
        scenario.edge(root, b);
        scenario.edge(b, c);
        scenario.edge(c, b);

        Map<UUID, Object> depths = depthsWithTimeout(task);

        assertThat(depths).containsEntry(x, null).containsEntry(y, null).containsEntry(root, 0)
                .containsEntry(b, 1).containsEntry(c, 2).hasSize(5);
    }

    @Test
    @DisplayName("the recursion stops at depth 50: steps deeper on a chain get NULL")
    void depthBound() throws SQLException {
        List<UUID> chain = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            chain.add(scenario.step(task));
            if (i > 0) {
                scenario.edge(chain.get(i - 1), chain.get(i));
            }
        }

        Map<UUID, Object> depths = depthsWithTimeout(task);

        assertThat(depths).hasSize(53).containsEntry(chain.get(0), 0).containsEntry(chain.get(50), 50)
                .containsEntry(chain.get(51), null).containsEntry(chain.get(52), null);
    }

    @Test
    @DisplayName("one row per step of every task; a filter on task_uuid does not restrict the depth recursion")
    void recursionOverWholeTable() throws SQLException {
        UUID root = step();
        UUID otherTask = scenario.task();
        UUID reachedFromOtherTask = scenario.step(otherTask);
        scenario.edge(root, reachedFromOtherTask);

        long rows = (Long) value("SELECT count(*) FROM tasker_step_dag_relationships");
        long steps = (Long) value("SELECT count(*) FROM tasker_workflow_steps");

        assertThat(rows).isEqualTo(steps);
        assertThat(depthsWithTimeout(otherTask)).containsExactly(Map.entry(reachedFromOtherTask, 1));
    }
}

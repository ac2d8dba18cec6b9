package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * calculate_dependency_levels (tasker-schema.md §6.5, with the project's cycle fix D3) and
 * get_step_transitive_dependencies (§6.6).
 */
class StepDagFunctionsTest extends TaskerFunctionTest {

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

    /** The function's rows as step → level, in result order. */
    private Map<UUID, Integer> levels() throws SQLException {
        Map<UUID, Integer> levels = new LinkedHashMap<>();
        for (Map<String, Object> row : rows("SELECT * FROM calculate_dependency_levels(?)", task)) {
            levels.put((UUID) row.get("workflow_step_uuid"), (Integer) row.get("dependency_level"));
        }
        return levels;
    }

    /** The function's rows on a connection that gives up after 10 s, so that endless recursion fails the test. */
    private Map<UUID, Integer> levelsWithTimeout() throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '10s'");
            Map<UUID, Integer> levels = new LinkedHashMap<>();
            for (Map<String, Object> row : rows(connection, "SELECT * FROM calculate_dependency_levels(?)", task)) {
                levels.put((UUID) row.get("workflow_step_uuid"), (Integer) row.get("dependency_level"));
            }
            return levels;
        }
    }

    /** The expected result: rows ordered by level, then by uuid in PostgreSQL's order. */
    private static List<Map.Entry<UUID, Integer>> orderedByLevelThenUuid(Map<UUID, Integer> expected) {
        List<Map.Entry<UUID, Integer>> entries = new ArrayList<>(expected.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<UUID, Integer> entry) -> entry.getValue())
                .thenComparing(Map.Entry::getKey, PG_UUID_ORDER));
        return entries;
    }

    @Nested
    @DisplayName("calculate_dependency_levels")
    class DependencyLevels {

        @Test
        @DisplayName("a diamond: root 0, both branches 1, the join 2; ordered by level then uuid")
        void diamond() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            UUID d = step();
            scenario.edge(a, b);
            scenario.edge(a, c);
            scenario.edge(b, d);
            scenario.edge(c, d);

            assertThat(new ArrayList<>(levels().entrySet()))
                    .containsExactlyElementsOf(orderedByLevelThenUuid(Map.of(a, 0, b, 1, c, 1, d, 2)));
        }

        @Test
        @DisplayName("uneven branches: a step's level is its longest path from a root")
        void longestPath() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            UUID d = step();
            scenario.edge(a, b);
            scenario.edge(b, c);
            scenario.edge(c, d);
            scenario.edge(a, d);

            assertThat(levels()).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 1, c, 2, d, 3));
        }

        @Test
        @DisplayName("several roots and an isolated step are all at level 0; other tasks' steps are not included")
        void severalRoots() throws SQLException {
            UUID r1 = step();
            UUID r2 = step();
            UUID y = step();
            UUID x = step();
            UUID isolated = step();
            scenario.edge(r1, x);
            scenario.edge(r2, y);
            scenario.edge(y, x);
            UUID otherTask = scenario.task();
            scenario.step(otherTask);

            assertThat(new ArrayList<>(levels().entrySet())).containsExactlyElementsOf(
                    orderedByLevelThenUuid(Map.of(r1, 0, r2, 0, isolated, 0, y, 1, x, 2)));
        }

        @Test
        @DisplayName("a task without steps has no rows")
        void noSteps() throws SQLException {
            assertThat(levels()).isEmpty();
        }

        @Test
        @DisplayName("D3: a cycle reachable from a root terminates; levels are longest simple paths")
        void reachableCycleTerminates() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            UUID d = step();
            UUID e = step();
            scenario.edge(a, b);
            scenario.edge(b, c);
            scenario.edge(c, d);
            scenario.edge(d, b);
            scenario.edge(d, e);

            assertThat(levelsWithTimeout()).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 1, c, 2, d, 3, e, 4));
        }

        @Test
        @DisplayName("D3: a cycle entered at two points terminates; each member gets its longest simple path")
        void cycleWithTwoEntries() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            scenario.edge(a, b);
            scenario.edge(a, c);
            scenario.edge(b, c);
            scenario.edge(c, b);

            assertThat(levelsWithTimeout()).containsExactlyInAnyOrderEntriesOf(Map.of(a, 0, b, 2, c, 2));
        }

        @Test
        @DisplayName("D3: members of a cycle that no root reaches are absent")
        void unreachableCycleAbsent() throws SQLException {
            UUID root = step();
            UUID child = step();
            UUID x = step();
            UUID y = step();
            scenario.edge(root, child);
            scenario.edge(x, y);
            scenario.edge(y, x);

            assertThat(levelsWithTimeout()).containsExactlyInAnyOrderEntriesOf(Map.of(root, 0, child, 1));
        }
    }

    @Nested
    @DisplayName("get_step_transitive_dependencies")
    class TransitiveDependencies {

        private List<Map<String, Object>> ancestors(UUID target) throws SQLException {
            return rows("SELECT * FROM get_step_transitive_dependencies(?)", target);
        }

        @Test
        @DisplayName("every ancestor with its distance (1 = direct parent) and the step's columns")
        void chain() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            scenario.edge(a, b);
            scenario.edge(b, c);
            scenario.updateStep(a, "results = '{\"value\": 42}'::jsonb, processed = true");

            List<Map<String, Object>> rows = ancestors(c);

            assertThat(rows).extracting(r -> r.get("workflow_step_uuid"), r -> r.get("distance"))
                    .containsExactly(tuple(b, 1), tuple(a, 2));
            Map<String, Object> first = rows.get(1);
            assertThat(first).containsEntry("task_uuid", task).containsEntry("step_name", scenario.stepName(a))
                    .containsEntry("processed", true);
            assertThat(first.get("results")).hasToString("{\"value\": 42}");
            assertThat(first.get("named_step_uuid")).isEqualTo(
                    value("SELECT named_step_uuid FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", a));
            assertThat(first.keySet()).containsExactly("workflow_step_uuid", "task_uuid", "named_step_uuid",
                    "step_name", "results", "processed", "distance");
        }

        @Test
        @DisplayName("Q14: an ancestor reached by several paths appears once per path; ordered by distance then uuid")
        void duplicatesAcrossPaths() throws SQLException {
            UUID a = step();
            UUID b = step();
            UUID c = step();
            UUID d = step();
            scenario.edge(a, b);
            scenario.edge(a, c);
            scenario.edge(b, d);
            scenario.edge(c, d);
            scenario.edge(a, d);

            List<UUID> distanceOne = pgSorted(a, b, c);

            assertThat(ancestors(d)).extracting(r -> r.get("workflow_step_uuid"), r -> r.get("distance"))
                    .containsExactly(tuple(distanceOne.get(0), 1), tuple(distanceOne.get(1), 1),
                            tuple(distanceOne.get(2), 1), tuple(a, 2), tuple(a, 2));
        }

        @Test
        @DisplayName("a step without parents has no ancestors")
        void noParents() throws SQLException {
            assertThat(ancestors(step())).isEmpty();
        }

        @Test
        @DisplayName("the recursion stops at distance 50 on a long chain")
        void depthBoundOnChain() throws SQLException {
            List<UUID> chain = new ArrayList<>();
            for (int i = 0; i < 55; i++) {
                chain.add(scenario.step(task));
                if (i > 0) {
                    scenario.edge(chain.get(i - 1), chain.get(i));
                }
            }

            List<Map<String, Object>> rows = ancestors(chain.get(54));

            assertThat(rows).hasSize(50);
            assertThat(rows.get(49)).containsEntry("distance", 50).containsEntry("workflow_step_uuid", chain.get(4));
        }

        @Test
        @DisplayName("the recursion stops at distance 50 on a cycle")
        void depthBoundOnCycle() throws SQLException {
            UUID x = step();
            UUID y = step();
            scenario.edge(x, y);
            scenario.edge(y, x);

            List<Map<String, Object>> rows = ancestors(x);

            assertThat(rows).hasSize(50);
            assertThat(rows).extracting(r -> r.get("distance")).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 50).boxed().toList());
            assertThat(rows.get(0)).containsEntry("workflow_step_uuid", y);
            assertThat(rows.get(1)).containsEntry("workflow_step_uuid", x);
        }
    }
}

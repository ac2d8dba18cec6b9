package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** get_system_health_counts(): the final 24 bigint columns (§6.10). Counts the whole database: truncates. */
class SystemHealthCountsTest extends TaskerSchemaTest {

    private static final List<String> TASK_STATES = List.of("pending", "initializing", "enqueuing_steps",
            "steps_in_process", "evaluating_results", "waiting_for_dependencies", "waiting_for_retry",
            "blocked_by_failures", "complete", "error", "cancelled", "resolved_manually");
    private static final List<String> STEP_STATES = List.of("pending", "enqueued", "in_progress",
            "enqueued_for_orchestration", "enqueued_as_error_for_orchestration", "waiting_for_retry", "complete",
            "error", "cancelled", "resolved_manually");
    private static final String COUNTS = "SELECT * FROM get_system_health_counts()";

    private OpsData ops;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
    }

    /** The expected row: {@code <state>_tasks} ... total_tasks, {@code <state>_steps} ... total_steps. */
    private static Map<String, Object> expected(Map<String, Long> tasks, long totalTasks, Map<String, Long> steps,
                                                long totalSteps) {
        Map<String, Object> row = new LinkedHashMap<>();
        TASK_STATES.forEach(state -> row.put(state + "_tasks", tasks.getOrDefault(state, 0L)));
        row.put("total_tasks", totalTasks);
        STEP_STATES.forEach(state -> row.put(state + "_steps", steps.getOrDefault(state, 0L)));
        row.put("total_steps", totalSteps);
        return row;
    }

    @Test
    @DisplayName("an empty database gives exactly one row of 24 zero bigints, columns in the final order")
    void emptyDatabaseGivesOneRowOfZeros() throws SQLException {
        List<Map<String, Object>> counts = rows(COUNTS);

        assertThat(counts).hasSize(1);
        assertThat(counts.get(0)).containsExactlyEntriesOf(expected(Map.of(), 0, Map.of(), 0));
    }

    @Test
    @DisplayName("each <state>_tasks column counts the tasks whose current state it is")
    void tasksPerState() throws SQLException {
        Map<String, Long> expectedTasks = new LinkedHashMap<>();
        for (int index = 0; index < TASK_STATES.size(); index++) {
            String state = TASK_STATES.get(index);
            long howMany = index % 3 + 1;
            for (int copy = 0; copy < howMany; copy++) {
                ops.newTaskIn(state);
            }
            expectedTasks.put(state, howMany);
        }
        long total = expectedTasks.values().stream().mapToLong(Long::longValue).sum();

        assertThat(row(COUNTS)).containsExactlyEntriesOf(expected(expectedTasks, total, Map.of(), 0));
    }

    @Test
    @DisplayName("each <state>_steps column counts the steps whose current state it is")
    void stepsPerState() throws SQLException {
        UUID task = ops.newTaskIn("steps_in_process").taskUuid();
        UUID namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")),
                TaskerFixtures.unique("step"));
        Map<String, Long> expectedSteps = new LinkedHashMap<>();
        for (int index = 0; index < STEP_STATES.size(); index++) {
            String state = STEP_STATES.get(index);
            long howMany = (index + 1) % 3 + 1;
            for (int copy = 0; copy < howMany; copy++) {
                fixtures.stepTransition(fixtures.step(task, namedStep), state);
            }
            expectedSteps.put(state, howMany);
        }
        long total = expectedSteps.values().stream().mapToLong(Long::longValue).sum();

        assertThat(row(COUNTS)).containsExactlyEntriesOf(
                expected(Map.of("steps_in_process", 1L), 1, expectedSteps, total));
    }

    @Test
    @DisplayName("only the current transition counts, not the history")
    void onlyCurrentStateCounts() throws SQLException {
        ops.newTaskIn("pending", "initializing", "enqueuing_steps", "steps_in_process");
        UUID task = ops.newTaskIn("pending").taskUuid();
        UUID step = fixtures.step(task, fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")),
                TaskerFixtures.unique("step")));
        fixtures.stepTransition(step, "pending");
        fixtures.stepTransition(step, "enqueued");
        fixtures.stepTransition(step, "in_progress");

        assertThat(row(COUNTS)).containsExactlyEntriesOf(
                expected(Map.of("steps_in_process", 1L, "pending", 1L), 2, Map.of("in_progress", 1L), 1));
    }

    @Test
    @DisplayName("total_tasks and total_steps include rows without any transition, which no state column counts")
    void totalsIncludeRowsWithoutTransitions() throws SQLException {
        UUID bareTask = ops.newTemplateTask(null).taskUuid();
        ops.newTemplateTask(null);
        UUID namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")),
                TaskerFixtures.unique("step"));
        fixtures.step(bareTask, namedStep);
        fixtures.step(bareTask, namedStep);
        fixtures.stepTransition(fixtures.step(bareTask, namedStep), "complete");
        ops.newTaskIn("error");

        assertThat(row(COUNTS)).containsExactlyEntriesOf(
                expected(Map.of("error", 1L), 3, Map.of("complete", 1L), 3));
    }
}

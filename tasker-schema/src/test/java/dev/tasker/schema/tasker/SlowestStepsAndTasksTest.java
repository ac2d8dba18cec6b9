package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** get_slowest_steps and get_slowest_tasks (§6.11). Both scan every task of the window: truncates. */
class SlowestStepsAndTasksTest extends TaskerSchemaTest {

    private OpsData ops;
    private Template template;
    private UUID namedStep;
    private String stepName;

    /** A named task with its namespace, name and version. */
    private record Template(UUID namedTask, String namespace, String name, String version) {
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        truncateTaskerTables();
        ops = new OpsData(db, fixtures);
        template = template("1.0.0");
        stepName = TaskerFixtures.unique("step");
        namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")), stepName);
    }

    private Template template(String version) throws SQLException {
        String namespace = TaskerFixtures.unique("ns");
        String name = TaskerFixtures.unique("task");
        UUID namedTask = fixtures.namedTask(fixtures.namespace(namespace), name, null);
        execute("UPDATE tasker_named_tasks SET version = ? WHERE named_task_uuid = ?", version, namedTask);
        return new Template(namedTask, namespace, name, version);
    }

    private UUID task(Template of, double minutesAgo) throws SQLException {
        UUID task = fixtures.task(of.namedTask(), 0);
        ops.taskCreatedMinutesAgo(task, minutesAgo);
        return task;
    }

    /**
     * A step created {@code createdAfter} seconds after its task, whose current {@code state} (none when null)
     * began {@code enteredAfter} seconds after the task.
     */
    private UUID step(UUID task, String state, double createdAfter, double enteredAfter) throws SQLException {
        UUID step = fixtures.step(task, namedStep);
        ops.stepCreatedSecondsAfterTask(step, createdAfter);
        if (state != null) {
            fixtures.stepTransition(step, state);
            ops.currentStepStateEnteredSecondsAfterTask(step, enteredAfter);
        }
        return step;
    }

    private static List<Object> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(row -> row.get(name)).toList();
    }

    /** duration_seconds of each row as plain text without trailing zeros ("12.346", "5.5", "10"). */
    private static List<String> durations(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> ((BigDecimal) row.get("duration_seconds")).stripTrailingZeros().toPlainString())
                .toList();
    }

    @Nested
    @DisplayName("get_slowest_steps")
    class SlowestSteps {

        private static final String SLOWEST = "SELECT * FROM get_slowest_steps()";

        @Test
        @DisplayName("completed steps, slowest first; duration = complete transition - step creation, 3 decimals")
        void slowestFirst() throws SQLException {
            UUID task = task(template, 60);
            UUID medium = step(task, "complete", 0, 5.5);
            UUID slow = step(task, "complete", 1, 13.3456);
            UUID fast = step(task, "complete", 2, 5);

            List<Map<String, Object>> slowest = rows(SLOWEST);

            assertThat(column(slowest, "workflow_step_uuid")).containsExactly(slow, medium, fast);
            assertThat(durations(slowest)).containsExactly("12.346", "5.5",
                    "3");
        }

        @Test
        @DisplayName("only steps whose current state is complete")
        void onlyCurrentlyComplete() throws SQLException {
            UUID task = task(template, 60);
            UUID done = step(task, "complete", 0, 5);
            step(task, "error", 0, 5);
            step(task, "in_progress", 0, 5);
            step(task, null, 0, 0);
            UUID reopened = step(task, "complete", 0, 5);
            fixtures.stepTransition(reopened, "resolved_manually");

            assertThat(column(rows(SLOWEST), "workflow_step_uuid")).containsExactly(done);
        }

        @Test
        @DisplayName("a row names the step, task, namespace and version and carries the step's columns")
        void rowContent() throws SQLException {
            UUID task = task(template, 60);
            UUID step = step(task, "complete", 2, 9);
            execute("UPDATE tasker_workflow_steps SET attempts = 2, retryable = false WHERE workflow_step_uuid = ?",
                    step);
            Map<String, Object> expected = row("SELECT ws.created_at, wst.created_at AS completed_at"
                    + " FROM tasker_workflow_steps ws JOIN tasker_workflow_step_transitions wst"
                    + " ON wst.workflow_step_uuid = ws.workflow_step_uuid AND wst.most_recent"
                    + " WHERE ws.workflow_step_uuid = ?", step);

            assertThat(row(SLOWEST)).containsEntry("task_uuid", task).containsEntry("step_name", stepName)
                    .containsEntry("task_name", template.name()).containsEntry("namespace_name", template.namespace())
                    .containsEntry("version", "1.0.0").containsEntry("attempts", 2)
                    .containsEntry("created_at", expected.get("created_at"))
                    .containsEntry("completed_at", expected.get("completed_at"))
                    .containsEntry("retryable", false).containsEntry("step_status", "complete");
        }

        @Test
        @DisplayName("attempts is reported as stored, NULL included")
        void attemptsAsStored() throws SQLException {
            step(task(template, 60), "complete", 0, 1);

            assertThat(row(SLOWEST)).containsEntry("attempts", null);
        }

        @Test
        @DisplayName("durations that are not > 0 are left out")
        void onlyPositiveDurations() throws SQLException {
            UUID task = task(template, 60);
            step(task, "complete", 5, 5);
            step(task, "complete", 5, 4);

            assertThat(rows(SLOWEST)).isEmpty();
        }

        @Test
        @DisplayName("the window is on the step's created_at: 24 hours by default, else since_timestamp")
        void window() throws SQLException {
            UUID recent = step(task(template, 10), "complete", 0, 1);
            UUID older = step(task(template, 40), "complete", 0, 1);
            UUID yesterday = step(task(template, 25 * 60), "complete", 0, 1);

            assertThat(column(rows(SLOWEST), "workflow_step_uuid")).containsExactlyInAnyOrder(recent, older)
                    .doesNotContain(yesterday);
            assertThat(column(rows("SELECT * FROM get_slowest_steps(now() - interval '30 minutes')"),
                    "workflow_step_uuid")).containsExactly(recent);
        }

        @Test
        @DisplayName("namespace, task name and version filters must match exactly; NULL means no filter")
        void filters() throws SQLException {
            Template other = template("2.0.0");
            UUID mine = step(task(template, 10), "complete", 0, 1);
            UUID theirs = step(task(other, 10), "complete", 0, 2);
            String filtered = "SELECT * FROM get_slowest_steps(NULL, 10, ?, ?, ?)";

            assertThat(column(rows(filtered, null, null, null), "workflow_step_uuid")).containsExactly(theirs, mine);
            assertThat(column(rows(filtered, template.namespace(), null, null), "workflow_step_uuid"))
                    .containsExactly(mine);
            assertThat(column(rows(filtered, null, other.name(), null), "workflow_step_uuid"))
                    .containsExactly(theirs);
            assertThat(column(rows(filtered, null, null, "1.0.0"), "workflow_step_uuid")).containsExactly(mine);
            assertThat(rows(filtered, template.namespace(), other.name(), null)).isEmpty();
            assertThat(rows(filtered, template.namespace().toUpperCase(), null, null)).isEmpty();
        }

        @Test
        @DisplayName("limit_count caps the rows (10 by default)")
        void limit() throws SQLException {
            UUID task = task(template, 60);
            for (int index = 1; index <= 11; index++) {
                step(task, "complete", 0, index);
            }

            assertThat(rows(SLOWEST)).hasSize(10);
            assertThat(durations(rows("SELECT * FROM get_slowest_steps(limit_count => 2)")))
                    .containsExactly("11", "10");
        }
    }

    @Nested
    @DisplayName("get_slowest_tasks")
    class SlowestTasks {

        private static final String SLOWEST = "SELECT * FROM get_slowest_tasks()";

        @Test
        @DisplayName("a task ends at its latest complete/error step transition; slowest first, 3 decimals")
        void slowestFirst() throws SQLException {
            UUID quick = task(template, 60);
            step(quick, "complete", 0, 2);
            step(quick, "error", 0, 4.25);
            step(quick, "in_progress", 0, 50);
            UUID slow = task(template, 60);
            step(slow, "complete", 0, 7.0004);
            step(slow, "pending", 0, 90);

            List<Map<String, Object>> slowest = rows(SLOWEST);

            assertThat(column(slowest, "task_uuid")).containsExactly(slow, quick);
            assertThat(durations(slowest)).containsExactly("7", "4.25");
        }

        @Test
        @DisplayName("step_count counts every step; completed_steps and error_steps count current states")
        void stepCounts() throws SQLException {
            UUID task = task(template, 60);
            step(task, "complete", 0, 1);
            step(task, "complete", 0, 2);
            step(task, "error", 0, 3);
            step(task, "enqueued", 0, 4);
            step(task, null, 0, 0);
            UUID retried = step(task, "error", 0, 2);
            fixtures.stepTransition(retried, "pending");

            assertThat(row(SLOWEST)).containsEntry("step_count", 6L).containsEntry("completed_steps", 2L)
                    .containsEntry("error_steps", 1L);
        }

        @Test
        @DisplayName("completed_at is the end time above, not tasker_tasks.completed_at; with the task's columns")
        void rowContent() throws SQLException {
            UUID task = task(template, 60);
            step(task, "complete", 0, 30);
            execute("UPDATE tasker_tasks SET completed_at = now(), initiator = 'ops-test', source_system = 'junit'"
                    + " WHERE task_uuid = ?", task);
            Map<String, Object> expected = row("SELECT t.created_at, t.created_at + interval '30 seconds' AS ended"
                    + " FROM tasker_tasks t WHERE t.task_uuid = ?", task);

            assertThat(row(SLOWEST)).containsEntry("task_uuid", task).containsEntry("task_name", template.name())
                    .containsEntry("namespace_name", template.namespace()).containsEntry("version", "1.0.0")
                    .containsEntry("created_at", expected.get("created_at"))
                    .containsEntry("completed_at", expected.get("ended"))
                    .containsEntry("initiator", "ops-test").containsEntry("source_system", "junit");
        }

        @Test
        @DisplayName("tasks without a complete or error step, and durations not > 0, are left out")
        void droppedTasks() throws SQLException {
            step(task(template, 60), "in_progress", 0, 10);
            task(template, 60);
            step(task(template, 60), "complete", 0, 0);
            UUID kept = task(template, 60);
            step(kept, "error", 0, 1);

            assertThat(column(rows(SLOWEST), "task_uuid")).containsExactly(kept);
        }

        @Test
        @DisplayName("the window is on the task's created_at: 24 hours by default, else since_timestamp")
        void window() throws SQLException {
            UUID recent = task(template, 10);
            step(recent, "complete", 0, 1);
            UUID older = task(template, 40);
            step(older, "complete", 0, 1);
            UUID yesterday = task(template, 25 * 60);
            step(yesterday, "complete", 0, 1);

            assertThat(column(rows(SLOWEST), "task_uuid")).containsExactlyInAnyOrder(recent, older);
            assertThat(column(rows("SELECT * FROM get_slowest_tasks(now() - interval '30 minutes')"), "task_uuid"))
                    .containsExactly(recent);
        }

        @Test
        @DisplayName("namespace, task name and version filters must match exactly; NULL means no filter")
        void filters() throws SQLException {
            Template other = template("2.0.0");
            UUID mine = task(template, 10);
            step(mine, "complete", 0, 1);
            UUID theirs = task(other, 10);
            step(theirs, "complete", 0, 2);
            String filtered = "SELECT * FROM get_slowest_tasks(NULL, 10, ?, ?, ?)";

            assertThat(column(rows(filtered, null, null, null), "task_uuid")).containsExactly(theirs, mine);
            assertThat(column(rows(filtered, template.namespace(), null, null), "task_uuid")).containsExactly(mine);
            assertThat(column(rows(filtered, null, other.name(), null), "task_uuid")).containsExactly(theirs);
            assertThat(column(rows(filtered, null, null, "2.0.0"), "task_uuid")).containsExactly(theirs);
            assertThat(rows(filtered, other.namespace(), template.name(), null)).isEmpty();
        }

        @Test
        @DisplayName("limit_count caps the rows (10 by default)")
        void limit() throws SQLException {
            for (int index = 1; index <= 11; index++) {
                step(task(template, 60), "complete", 0, index);
            }

            assertThat(rows(SLOWEST)).hasSize(10);
            assertThat(durations(rows("SELECT * FROM get_slowest_tasks(limit_count => 3)")))
                    .containsExactly("11", "10", "9");
        }
    }
}

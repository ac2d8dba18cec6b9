package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Task-state and step support functions (tasker-schema.md §6.8, §6.3): find_stuck_tasks, get_current_task_state
 * and set_step_backoff_atomic. find_stuck_tasks scans every task, so each test starts from empty tables.
 */
class TaskStateFunctionsTest extends TaskerFunctionTest {

    private TaskerScenario scenario;

    @BeforeEach
    void emptyTables() throws SQLException {
        truncateTaskerTables();
        scenario = newScenario();
    }

    /** A task whose current state is {@code state}, entered {@code minutesAgo} minutes ago. */
    private UUID taskIn(String state, double minutesAgo) throws SQLException {
        UUID task = scenario.task();
        scenario.taskStates(task, "pending", state);
        scenario.backdateCurrentTaskState(task, minutesAgo * 60);
        return task;
    }

    @Nested
    @DisplayName("find_stuck_tasks")
    class FindStuckTasks {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"initializing", "enqueuing_steps", "steps_in_process", "evaluating_results"})
        @DisplayName("a task in an active state for longer than the timeout is stuck")
        void activeStates(String state) throws SQLException {
            UUID task = taskIn(state, 20);

            List<Map<String, Object>> rows = rows("SELECT * FROM find_stuck_tasks(10)");

            assertThat(rows).extracting(row -> row.get("task_uuid")).containsExactly(task);
            assertThat(rows.get(0)).containsEntry("current_state", state);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"pending", "waiting_for_dependencies", "waiting_for_retry", "blocked_by_failures",
                "complete", "error", "cancelled", "resolved_manually"})
        @DisplayName("tasks in other states are never stuck")
        void otherStates(String state) throws SQLException {
            taskIn(state, 600);

            assertThat(rows("SELECT * FROM find_stuck_tasks(10)")).isEmpty();
        }

        @Test
        @DisplayName("the timeout applies to the time in the current state, not to the task's age")
        void timeoutOnCurrentState() throws SQLException {
            UUID oldTaskRecentState = scenario.task();
            scenario.taskStates(oldTaskRecentState, "pending");
            scenario.backdateCurrentTaskState(oldTaskRecentState, 3 * 3600);
            scenario.taskStates(oldTaskRecentState, "initializing", "enqueuing_steps", "steps_in_process");
            scenario.backdateCurrentTaskState(oldTaskRecentState, 5 * 60);
            scenario.backdateTaskCreation(oldTaskRecentState, 3 * 3600);
            UUID stuck = taskIn("steps_in_process", 15);

            assertThat(rows("SELECT task_uuid FROM find_stuck_tasks(10)")).extracting(row -> row.get("task_uuid"))
                    .containsExactly(stuck);
        }

        @Test
        @DisplayName("p_timeout_minutes defaults to 10")
        void defaultTimeout() throws SQLException {
            UUID elevenMinutes = taskIn("evaluating_results", 11);
            taskIn("evaluating_results", 9);

            assertThat(rows("SELECT task_uuid FROM find_stuck_tasks()")).extracting(row -> row.get("task_uuid"))
                    .containsExactly(elevenMinutes);
        }

        @Test
        @DisplayName("stuck_duration_minutes: elapsed seconds rounded to an integer, then whole minutes")
        void durationMinutes() throws SQLException {
            UUID roundsUp = scenario.task();
            scenario.taskStates(roundsUp, "pending", "steps_in_process");
            UUID staysBelow = scenario.task();
            scenario.taskStates(staysBelow, "pending", "steps_in_process");

            // One transaction, so that now() is the same instant for the set-up and the query.
            Map<Object, Object> minutes = inOneTransaction(connection -> {
                rows(connection, "UPDATE tasker_task_transitions SET created_at = now() - interval '7439.6 seconds'"
                        + " WHERE task_uuid = ? AND most_recent RETURNING 1", roundsUp);
                rows(connection, "UPDATE tasker_task_transitions SET created_at = now() - interval '7439.4 seconds'"
                        + " WHERE task_uuid = ? AND most_recent RETURNING 1", staysBelow);
                return rows(connection, "SELECT * FROM find_stuck_tasks(10)").stream()
                        .collect(Collectors.toMap(row -> row.get("task_uuid"),
                                row -> row.get("stuck_duration_minutes")));
            });

            assertThat(minutes).containsEntry(roundsUp, 124).containsEntry(staysBelow, 123);
        }

        @Test
        @DisplayName("processor_uuid is the current transition's; one row per task")
        void processorAndOneRowPerTask() throws SQLException {
            UUID task = scenario.task();
            scenario.taskStates(task, "pending", "initializing", "enqueuing_steps");
            UUID processor = UUID.randomUUID();
            execute("UPDATE tasker_task_transitions SET created_at = now() - interval '1 hour',"
                    + " processor_uuid = CASE WHEN most_recent THEN ?::uuid ELSE ?::uuid END WHERE task_uuid = ?",
                    processor, UUID.randomUUID(), task);

            List<Map<String, Object>> rows = rows("SELECT * FROM find_stuck_tasks(10)");

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("processor_uuid", processor)
                    .containsEntry("current_state", "enqueuing_steps").containsEntry("stuck_duration_minutes", 60);
            assertThat(rows.get(0).keySet()).containsExactly("task_uuid", "current_state", "processor_uuid",
                    "stuck_duration_minutes");
        }
    }

    @Nested
    @DisplayName("get_current_task_state")
    class CurrentTaskState {

        @Test
        @DisplayName("the to_state of the most recent transition")
        void latestState() throws SQLException {
            UUID task = scenario.task();
            scenario.taskStates(task, "pending", "initializing", "waiting_for_dependencies");

            assertThat(value("SELECT get_current_task_state(?)", task)).isEqualTo("waiting_for_dependencies");
        }

        @Test
        @DisplayName("NULL for a task without transitions and for an unknown task")
        void noState() throws SQLException {
            UUID task = scenario.task();

            assertThat(value("SELECT get_current_task_state(?)", task)).isNull();
            assertThat(value("SELECT get_current_task_state(?)", UUID.randomUUID())).isNull();
        }
    }

    @Nested
    @DisplayName("set_step_backoff_atomic")
    class SetStepBackoff {

        @Test
        @DisplayName("writes backoff_request_seconds, last_attempted_at = now() and updated_at = now(), returns true")
        void writesBackoff() throws SQLException {
            UUID task = scenario.task();
            UUID step = scenario.step(task);
            execute("UPDATE tasker_workflow_steps SET updated_at = now() - interval '1 day'"
                    + " WHERE workflow_step_uuid = ?", step);

            // One transaction, so that now() is the instant the function wrote.
            Map<String, Object> after = inOneTransaction(connection -> {
                Object found = rows(connection, "SELECT set_step_backoff_atomic(?, 45) AS found", step).get(0)
                        .get("found");
                Map<String, Object> written = new LinkedHashMap<>(rows(connection, "SELECT backoff_request_seconds,"
                        + " last_attempted_at = now()::timestamp AS attempted_now,"
                        + " updated_at = now()::timestamp AS updated_now"
                        + " FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step).get(0));
                written.put("found", found);
                return written;
            });

            assertThat(after).containsEntry("found", true).containsEntry("backoff_request_seconds", 45)
                    .containsEntry("attempted_now", true).containsEntry("updated_now", true);
        }

        @Test
        @DisplayName("the written backoff drives readiness: next_retry_at = last_attempted_at + backoff")
        void drivesReadiness() throws SQLException {
            UUID task = scenario.task();
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = 1");

            assertThat(value("SELECT set_step_backoff_atomic(?, 120)", step)).isEqualTo(true);
            Map<String, Object> readiness = row("SELECT ready_for_execution,"
                    + " extract(epoch FROM next_retry_at - last_attempted_at) AS delay"
                    + " FROM get_step_readiness_status(?)", task);

            assertThat(readiness).containsEntry("ready_for_execution", false);
            assertThat((BigDecimal) readiness.get("delay")).isEqualByComparingTo("120");
        }

        @Test
        @DisplayName("returns false for an unknown step")
        void unknownStep() throws SQLException {
            assertThat(value("SELECT set_step_backoff_atomic(?, 10)", UUID.randomUUID())).isEqualTo(false);
        }
    }
}

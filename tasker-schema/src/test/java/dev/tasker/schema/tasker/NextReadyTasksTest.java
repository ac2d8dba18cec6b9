package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Task claiming (tasker-schema.md §6.7): get_next_ready_tasks (final 20251010 version), get_next_ready_task and
 * get_task_ready_info. get_next_ready_tasks scans every task, so each test starts from empty tables.
 */
class NextReadyTasksTest extends TaskerFunctionTest {

    private static final double HOUR = 3600;
    private static final double MINUTE = 60;

    private TaskerScenario scenario;

    @BeforeEach
    void emptyTables() throws SQLException {
        truncateTaskerTables();
        scenario = newScenario();
    }

    private List<Map<String, Object>> nextReady(int limit) throws SQLException {
        return rows("SELECT * FROM get_next_ready_tasks(?)", limit);
    }

    private List<Object> nextReadyUuids(int limit) throws SQLException {
        return nextReady(limit).stream().map(row -> row.get("task_uuid")).toList();
    }

    /** A task whose states are {@code states} (the last one current), with one ready step. */
    private UUID taskWithReadyStep(int priority, String... states) throws SQLException {
        UUID task = scenario.task(priority);
        scenario.step(task);
        scenario.taskStates(task, states);
        return task;
    }

    /** A task in {@code state} whose only step is running (so it has no ready steps). */
    private UUID taskWithoutReadyStep(int priority, String state) throws SQLException {
        UUID task = scenario.task(priority);
        UUID step = scenario.step(task);
        scenario.stepStates(step, "enqueued", "in_progress");
        scenario.taskStates(task, state);
        return task;
    }

    private double computedPriority(Map<String, Object> row) {
        return ((BigDecimal) row.get("computed_priority")).doubleValue();
    }

    @Nested
    @DisplayName("candidates")
    class Candidates {

        @Test
        @DisplayName("only tasks currently pending, waiting_for_dependencies or waiting_for_retry are offered")
        void candidateStates() throws SQLException {
            UUID pending = taskWithReadyStep(0, "pending");
            UUID waitingForDependencies = taskWithReadyStep(0, "pending", "waiting_for_dependencies");
            UUID waitingForRetry = taskWithReadyStep(0, "pending", "waiting_for_retry");
            for (String other : List.of("initializing", "enqueuing_steps", "steps_in_process", "evaluating_results",
                    "blocked_by_failures", "complete", "error", "cancelled", "resolved_manually")) {
                taskWithReadyStep(0, "pending", other);
            }

            List<Map<String, Object>> rows = nextReady(50);

            assertThat(rows).extracting(row -> row.get("task_uuid"))
                    .containsExactlyInAnyOrder(pending, waitingForDependencies, waitingForRetry);
            assertThat(rows).extracting(row -> row.get("current_state"))
                    .containsExactlyInAnyOrder("pending", "waiting_for_dependencies", "waiting_for_retry");
        }

        @Test
        @DisplayName("a task without any transition is not offered")
        void noTransition() throws SQLException {
            UUID task = scenario.task(5);
            scenario.step(task);

            assertThat(nextReady(10)).isEmpty();
        }

        @Test
        @DisplayName("the row carries the task's name, priority and namespace")
        void columns() throws SQLException {
            UUID task = taskWithReadyStep(7, "pending");

            Map<String, Object> row = nextReady(5).get(0);

            assertThat(row).containsEntry("task_uuid", task).containsEntry("task_name", scenario.namedTaskName)
                    .containsEntry("priority", 7).containsEntry("namespace_name", scenario.namespaceName)
                    .containsEntry("current_state", "pending");
            assertThat(row.keySet()).containsExactly("task_uuid", "task_name", "priority", "namespace_name",
                    "ready_steps_count", "computed_priority", "current_state");
        }
    }

    @Nested
    @DisplayName("staleness filter")
    class Staleness {

        @ParameterizedTest(name = "{0} for {1} min → offered: {2}")
        @CsvSource({"waiting_for_dependencies, 59, true", "waiting_for_dependencies, 61, false",
                "waiting_for_retry, 29, true", "waiting_for_retry, 31, false", "pending, 4320, true"})
        @DisplayName("waiting_for_dependencies up to 60 min, waiting_for_retry up to 30 min, pending always")
        void thresholds(String state, int minutesInState, boolean offered) throws SQLException {
            UUID task = taskWithReadyStep(0, state);
            scenario.backdateCurrentTaskState(task, minutesInState * MINUTE);

            assertThat(nextReadyUuids(5).contains(task)).isEqualTo(offered);
        }
    }

    @Nested
    @DisplayName("computed_priority")
    class ComputedPriority {

        @Test
        @DisplayName("state younger than 1 h: priority + task age in hours × 0.1, the age taken from created_at")
        void freshState() throws SQLException {
            UUID task = taskWithReadyStep(3, "pending");
            scenario.backdateTaskCreation(task, 5 * HOUR);
            scenario.updateTask(task, "requested_at = now() - interval '100 hours'");

            assertThat(computedPriority(nextReady(5).get(0))).isCloseTo(3.5, within(0.001));
        }

        @Test
        @DisplayName("state between 1 h and 24 h old: priority × exp(-state age / 12 h)")
        void decayingState() throws SQLException {
            UUID task = taskWithReadyStep(4, "pending");
            scenario.backdateCurrentTaskState(task, 6 * HOUR);
            scenario.backdateTaskCreation(task, 30 * HOUR);

            assertThat(computedPriority(nextReady(5).get(0))).isCloseTo(4 * Math.exp(-0.5), within(0.001));
        }

        @Test
        @DisplayName("state 24 h old or more: 0.1")
        void staleState() throws SQLException {
            UUID task = taskWithReadyStep(9, "pending");
            scenario.backdateCurrentTaskState(task, 25 * HOUR);

            assertThat((BigDecimal) nextReady(5).get(0).get("computed_priority")).isEqualByComparingTo("0.1");
        }
    }

    @Nested
    @DisplayName("readiness filter, order and limit")
    class FilterOrderLimit {

        @Test
        @DisplayName("pending tasks are offered without ready steps; waiting tasks only with has_ready_steps")
        void keepsPendingOrReady() throws SQLException {
            UUID pendingWithoutSteps = scenario.task(0);
            scenario.taskStates(pendingWithoutSteps, "pending");
            UUID pendingRunning = taskWithoutReadyStep(0, "pending");
            UUID waitingReady = taskWithReadyStep(0, "waiting_for_dependencies");
            taskWithoutReadyStep(0, "waiting_for_dependencies");
            taskWithoutReadyStep(0, "waiting_for_retry");

            assertThat(nextReadyUuids(10)).containsExactlyInAnyOrder(pendingWithoutSteps, pendingRunning,
                    waitingReady);
        }

        @Test
        @DisplayName("a waiting task with a ready step and a permanently failed one is not offered (blocked)")
        void blockedWaitingTaskNotOffered() throws SQLException {
            UUID task = taskWithReadyStep(0, "waiting_for_retry");
            UUID failed = scenario.step(task);
            scenario.stepStates(failed, "error");
            scenario.updateStep(failed, "attempts = 3, max_attempts = 3");

            assertThat(nextReady(5)).isEmpty();
        }

        @Test
        @DisplayName("ready_steps_count is the execution context's ready_steps (0 for a pending task without steps)")
        void readyStepsCount() throws SQLException {
            UUID twoReady = taskWithReadyStep(2, "pending", "waiting_for_dependencies");
            scenario.step(twoReady);
            UUID noSteps = scenario.task(1);
            scenario.taskStates(noSteps, "pending");

            List<Map<String, Object>> rows = nextReady(5);

            assertThat(rows).extracting(row -> row.get("task_uuid"), row -> row.get("ready_steps_count"))
                    .containsExactly(tuple(twoReady, 2L),
                            tuple(noSteps, 0L));
        }

        @Test
        @DisplayName("ordered by computed_priority descending and cut to p_limit")
        void orderAndLimit() throws SQLException {
            UUID low = taskWithReadyStep(1, "pending");
            UUID high = taskWithReadyStep(5, "pending");
            UUID middle = taskWithReadyStep(3, "pending");

            assertThat(nextReadyUuids(2)).containsExactly(high, middle);
            assertThat(nextReadyUuids(10)).containsExactly(high, middle, low);
        }

        @Test
        @DisplayName("p_limit defaults to 5")
        void defaultLimit() throws SQLException {
            for (int i = 0; i < 7; i++) {
                taskWithReadyStep(i, "pending");
            }

            assertThat(rows("SELECT * FROM get_next_ready_tasks()")).hasSize(5);
        }

        @Test
        @DisplayName("the readiness filter runs after a pre-limit of p_limit × 10 candidates by computed priority")
        void preLimit() throws SQLException {
            for (int i = 0; i < 10; i++) {
                taskWithoutReadyStep(10, "waiting_for_dependencies");
            }
            UUID lowPriorityPending = taskWithReadyStep(0, "pending");

            assertThat(nextReadyUuids(1)).isEmpty();
            assertThat(nextReadyUuids(2)).containsExactly(lowPriorityPending);
        }

        @Test
        @DisplayName("Q3: no row is locked, so two callers at once are offered the same task")
        void nothingLocked() throws SQLException {
            UUID task = taskWithReadyStep(0, "pending");
            try (Connection first = open(); Connection second = open()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);

                List<Map<String, Object>> firstOffer = rows(first, "SELECT * FROM get_next_ready_tasks(1)");
                List<Map<String, Object>> secondOffer = rows(second, "SELECT * FROM get_next_ready_tasks(1)");
                List<Map<String, Object>> lockable = rows(second, "SELECT task_uuid FROM tasker_tasks"
                        + " WHERE task_uuid = ? FOR UPDATE NOWAIT", task);

                assertThat(firstOffer).extracting(row -> row.get("task_uuid")).containsExactly(task);
                assertThat(secondOffer).extracting(row -> row.get("task_uuid")).containsExactly(task);
                assertThat(lockable).hasSize(1);
                first.rollback();
                second.rollback();
            }
        }
    }

    @Nested
    @DisplayName("get_next_ready_task")
    class NextReadyTask {

        @Test
        @DisplayName("returns the first row of get_next_ready_tasks(1)")
        void firstOfBatch() throws SQLException {
            taskWithReadyStep(1, "pending");
            UUID best = taskWithReadyStep(8, "waiting_for_retry");
            taskWithReadyStep(4, "pending");

            List<Map<String, Object>> single = rows("SELECT * FROM get_next_ready_task()");

            assertThat(single).hasSize(1);
            assertThat(single.get(0)).containsEntry("task_uuid", best)
                    .containsEntry("current_state", "waiting_for_retry").containsEntry("ready_steps_count", 1L);
            assertThat(single.get(0).keySet()).containsExactlyElementsOf(nextReady(1).get(0).keySet());
        }

        @Test
        @DisplayName("returns no row when nothing is ready")
        void nothingReady() throws SQLException {
            taskWithoutReadyStep(0, "waiting_for_dependencies");

            assertThat(rows("SELECT * FROM get_next_ready_task()")).isEmpty();
        }
    }

    @Nested
    @DisplayName("get_task_ready_info")
    class TaskReadyInfo {

        @Test
        @DisplayName("one row for a task in any state, with its ready step count")
        void anyState() throws SQLException {
            UUID task = taskWithReadyStep(2, "pending", "initializing", "enqueuing_steps", "steps_in_process",
                    "evaluating_results", "complete");
            scenario.step(task);

            Map<String, Object> row = row("SELECT * FROM get_task_ready_info(?)", task);

            assertThat(row).containsEntry("task_uuid", task).containsEntry("current_state", "complete")
                    .containsEntry("task_name", scenario.namedTaskName)
                    .containsEntry("namespace_name", scenario.namespaceName).containsEntry("priority", 2)
                    .containsEntry("ready_steps_count", 2L);
        }

        @Test
        @DisplayName("no row for a task without transitions")
        void noTransition() throws SQLException {
            UUID task = scenario.task(3);

            assertThat(rows("SELECT * FROM get_task_ready_info(?)", task)).isEmpty();
        }

        @Test
        @DisplayName("computed_priority is always priority + task age in hours × 0.1, without decay")
        void priorityWithoutDecay() throws SQLException {
            UUID task = taskWithReadyStep(4, "pending");
            scenario.backdateCurrentTaskState(task, 30 * HOUR);
            scenario.backdateTaskCreation(task, 40 * HOUR);

            Map<String, Object> row = row("SELECT * FROM get_task_ready_info(?)", task);

            assertThat(computedPriority(row)).isCloseTo(8.0, within(0.001));
        }
    }
}

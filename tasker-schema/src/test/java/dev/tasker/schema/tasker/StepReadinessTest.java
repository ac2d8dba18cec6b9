package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * get_step_readiness_status / get_step_readiness_status_batch (tasker-schema.md §6.2): dependencies, states,
 * processing flags, retry eligibility, output columns, ordering and filters. Backoff timing is in
 * {@link StepRetryBackoffTest}.
 */
class StepReadinessTest extends TaskerFunctionTest {

    private TaskerScenario scenario;
    private UUID task;

    @BeforeEach
    void newTask() throws SQLException {
        scenario = newScenario();
        task = scenario.task();
    }

    private Map<String, Object> readiness(UUID step) throws SQLException {
        return row("SELECT * FROM get_step_readiness_status(?, ?)", task, uuids(step));
    }

    @Nested
    @DisplayName("dependencies")
    class Dependencies {

        @Test
        @DisplayName("a step without incoming edges has 0 parents and satisfied dependencies")
        void noParents() throws SQLException {
            UUID step = scenario.step(task);

            Map<String, Object> row = readiness(step);

            assertThat(row).containsEntry("total_parents", 0).containsEntry("completed_parents", 0)
                    .containsEntry("dependencies_satisfied", true).containsEntry("ready_for_execution", true);
        }

        @Test
        @DisplayName("total_parents counts incoming edges, completed_parents the complete and resolved_manually ones")
        void parentCounts() throws SQLException {
            UUID complete = scenario.step(task);
            UUID resolved = scenario.step(task);
            UUID failed = scenario.step(task);
            UUID inProgress = scenario.step(task);
            UUID child = scenario.step(task);
            for (UUID parent : List.of(complete, resolved, failed, inProgress)) {
                scenario.edge(parent, child);
            }
            scenario.stepStates(complete, "enqueued", "in_progress", "enqueued_for_orchestration", "complete");
            scenario.stepStates(resolved, "error", "resolved_manually");
            scenario.stepStates(failed, "error");
            scenario.stepStates(inProgress, "enqueued", "in_progress");

            Map<String, Object> row = readiness(child);

            assertThat(row).containsEntry("total_parents", 4).containsEntry("completed_parents", 2)
                    .containsEntry("dependencies_satisfied", false).containsEntry("ready_for_execution", false);
        }

        @Test
        @DisplayName("complete and resolved_manually parents together satisfy the dependencies")
        void completeAndResolvedSatisfy() throws SQLException {
            UUID complete = scenario.step(task);
            UUID resolved = scenario.step(task);
            UUID child = scenario.step(task);
            scenario.edge(complete, child);
            scenario.edge(resolved, child);
            scenario.stepStates(complete, "complete");
            scenario.stepStates(resolved, "resolved_manually");

            Map<String, Object> row = readiness(child);

            assertThat(row).containsEntry("total_parents", 2).containsEntry("completed_parents", 2)
                    .containsEntry("dependencies_satisfied", true).containsEntry("ready_for_execution", true);
        }

        @Test
        @DisplayName("a parent without any transition does not count as complete")
        void parentWithoutTransitions() throws SQLException {
            UUID parent = scenario.step(task);
            UUID child = scenario.step(task);
            scenario.edge(parent, child);

            Map<String, Object> row = readiness(child);

            assertThat(row).containsEntry("total_parents", 1).containsEntry("completed_parents", 0)
                    .containsEntry("dependencies_satisfied", false).containsEntry("ready_for_execution", false);
        }

        @Test
        @DisplayName("only the parent's current state counts: complete earlier, now pending again, is not complete")
        void parentCurrentStateOnly() throws SQLException {
            UUID parent = scenario.step(task);
            UUID child = scenario.step(task);
            scenario.edge(parent, child);
            scenario.stepStates(parent, "complete", "pending");

            assertThat(readiness(child)).containsEntry("completed_parents", 0)
                    .containsEntry("dependencies_satisfied", false);
        }
    }

    @Nested
    @DisplayName("states and processing flags")
    class States {

        @ParameterizedTest(name = "current state {0}")
        @ValueSource(strings = {"pending", "enqueued", "in_progress", "enqueued_for_orchestration",
                "enqueued_as_error_for_orchestration", "waiting_for_retry", "complete", "error", "cancelled",
                "resolved_manually"})
        @DisplayName("only pending and waiting_for_retry steps can be ready")
        void onlyPendingAndWaitingForRetry(String state) throws SQLException {
            UUID step = scenario.step(task);
            scenario.stepStates(step, state);
            // An hour-old transition history: any failure backoff has passed, so only the state decides.
            scenario.backdateAllStepTransitions(step, 3600);

            Map<String, Object> row = readiness(step);

            assertThat(row).containsEntry("current_state", state);
            assertThat(row.get("ready_for_execution"))
                    .isEqualTo(state.equals("pending") || state.equals("waiting_for_retry"));
        }

        @Test
        @DisplayName("a step without transitions is in state pending")
        void noTransitionMeansPending() throws SQLException {
            UUID step = scenario.step(task);

            assertThat(readiness(step)).containsEntry("current_state", "pending");
        }

        @Test
        @DisplayName("a processed step is not ready")
        void processedExcluded() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "processed = true");

            assertThat(readiness(step)).containsEntry("ready_for_execution", false)
                    .containsEntry("dependencies_satisfied", true).containsEntry("retry_eligible", true);
        }

        @Test
        @DisplayName("an in-process step is not ready")
        void inProcessExcluded() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "in_process = true");

            assertThat(readiness(step)).containsEntry("ready_for_execution", false)
                    .containsEntry("dependencies_satisfied", true).containsEntry("retry_eligible", true);
        }
    }

    @Nested
    @DisplayName("retry eligibility")
    class RetryEligibility {

        @Test
        @DisplayName("the first attempt is always eligible, even with max_attempts 0 and retryable false")
        void firstAttemptAlwaysEligible() throws SQLException {
            UUID neverAttempted = scenario.step(task);
            UUID zeroAttempts = scenario.step(task);
            scenario.updateStep(neverAttempted, "max_attempts = 0, retryable = false, attempts = NULL");
            scenario.updateStep(zeroAttempts, "max_attempts = 0, retryable = false, attempts = 0");

            assertThat(readiness(neverAttempted)).containsEntry("retry_eligible", true)
                    .containsEntry("ready_for_execution", true);
            assertThat(readiness(zeroAttempts)).containsEntry("retry_eligible", true)
                    .containsEntry("ready_for_execution", true);
        }

        @Test
        @DisplayName("a retryable step with attempts below max_attempts is eligible")
        void belowMaxAttempts() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = 2, max_attempts = 3");

            assertThat(readiness(step)).containsEntry("retry_eligible", true)
                    .containsEntry("ready_for_execution", true);
        }

        @Test
        @DisplayName("attempts reaching max_attempts end eligibility")
        void maxAttemptsReached() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = 3, max_attempts = 3");

            assertThat(readiness(step)).containsEntry("retry_eligible", false)
                    .containsEntry("ready_for_execution", false);
        }

        @Test
        @DisplayName("max_attempts NULL counts as 3")
        void nullMaxAttemptsIsThree() throws SQLException {
            UUID twoAttempts = scenario.step(task);
            UUID threeAttempts = scenario.step(task);
            scenario.updateStep(twoAttempts, "attempts = 2, max_attempts = NULL");
            scenario.updateStep(threeAttempts, "attempts = 3, max_attempts = NULL");

            assertThat(readiness(twoAttempts)).containsEntry("retry_eligible", true);
            assertThat(readiness(threeAttempts)).containsEntry("retry_eligible", false);
        }

        @Test
        @DisplayName("a step that is not retryable is no longer eligible after one attempt")
        void notRetryableAfterOneAttempt() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = 1, max_attempts = 3, retryable = false");

            assertThat(readiness(step)).containsEntry("retry_eligible", false)
                    .containsEntry("ready_for_execution", false);
        }

        @Test
        @DisplayName("Q7: max_attempts 1 allows no retry after the first attempt, although the comment says it does")
        void q7CommentAndCodeDisagree() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = 1, max_attempts = 1, retryable = true");

            Object comment = value("SELECT obj_description("
                    + "'get_step_readiness_status_batch(uuid[], uuid[])'::regprocedure, 'pg_proc')");

            assertThat(readiness(step)).containsEntry("retry_eligible", false);
            assertThat((String) comment).contains("max_attempts=1, retryable=true: first attempt + 1 retry");
        }
    }

    @Nested
    @DisplayName("output")
    class Output {

        @Test
        @DisplayName("attempts NULL is reported as 0 and max_attempts NULL as 3; the other columns are passed through")
        void coalescedColumns() throws SQLException {
            UUID step = scenario.step(task);
            scenario.updateStep(step, "attempts = NULL, max_attempts = NULL, backoff_request_seconds = 7,"
                    + " last_attempted_at = TIMESTAMP '2025-01-02 03:04:05'");

            Map<String, Object> row = readiness(step);

            assertThat(row).containsEntry("attempts", 0).containsEntry("max_attempts", 3)
                    .containsEntry("backoff_request_seconds", 7).containsEntry("task_uuid", task)
                    .containsEntry("workflow_step_uuid", step).containsEntry("name", scenario.stepName(step));
            assertThat(row.get("last_attempted_at")).hasToString("2025-01-02 03:04:05.0");
            assertThat(row.get("named_step_uuid")).isEqualTo(
                    value("SELECT named_step_uuid FROM tasker_workflow_steps WHERE workflow_step_uuid = ?", step));
        }

        @Test
        @DisplayName("the sixteen columns come in the documented order")
        void columnOrder() throws SQLException {
            UUID step = scenario.step(task);

            assertThat(readiness(step).keySet()).containsExactly("workflow_step_uuid", "task_uuid",
                    "named_step_uuid", "name", "current_state", "dependencies_satisfied", "retry_eligible",
                    "ready_for_execution", "last_failure_at", "next_retry_at", "total_parents", "completed_parents",
                    "attempts", "max_attempts", "backoff_request_seconds", "last_attempted_at");
        }

        @Test
        @DisplayName("rows are ordered by workflow_step_uuid within a task")
        void orderedByStep() throws SQLException {
            UUID[] steps = new UUID[6];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = scenario.step(task, UUID.randomUUID());
            }

            List<Object> order = rows("SELECT workflow_step_uuid FROM get_step_readiness_status(?)", task).stream()
                    .map(row -> row.get("workflow_step_uuid")).toList();

            assertThat(order).containsExactlyElementsOf(pgSorted(steps));
        }

        @Test
        @DisplayName("step_uuids keeps only the listed steps of the task; NULL keeps all")
        void stepFilter() throws SQLException {
            UUID first = scenario.step(task);
            UUID second = scenario.step(task);
            UUID third = scenario.step(task);
            UUID otherTask = scenario.task();
            UUID foreign = scenario.step(otherTask);

            List<Object> filtered = rows("SELECT workflow_step_uuid FROM get_step_readiness_status(?, ?)", task,
                    uuids(first, third, foreign)).stream().map(row -> row.get("workflow_step_uuid")).toList();
            List<Object> all = rows("SELECT workflow_step_uuid FROM get_step_readiness_status(?, NULL)", task)
                    .stream().map(row -> row.get("workflow_step_uuid")).toList();

            assertThat(filtered).containsExactlyInAnyOrder(first, third);
            assertThat(all).containsExactlyInAnyOrder(first, second, third);
        }
    }

    @Nested
    @DisplayName("batch")
    class Batch {

        @Test
        @DisplayName("the batch covers several tasks, by task then step, each row as the single-task function gives it")
        void severalTasks() throws SQLException {
            UUID taskA = scenario.task(UUID.randomUUID(), 0);
            UUID taskB = scenario.task(UUID.randomUUID(), 0);
            UUID a1 = scenario.step(taskA, UUID.randomUUID());
            UUID a2 = scenario.step(taskA, UUID.randomUUID());
            UUID b1 = scenario.step(taskB, UUID.randomUUID());
            UUID b2 = scenario.step(taskB, UUID.randomUUID());
            scenario.edge(a1, a2);
            scenario.stepStates(b1, "error");
            scenario.updateStep(b2, "attempts = 3");

            List<Map<String, Object>> batch = rows("SELECT * FROM get_step_readiness_status_batch(?)",
                    uuids(taskA, taskB));

            List<Map<String, Object>> expected = new ArrayList<>();
            for (UUID t : pgSorted(taskA, taskB)) {
                expected.addAll(rows("SELECT * FROM get_step_readiness_status(?)", t));
            }
            assertThat(batch).hasSize(4).containsExactlyElementsOf(expected);
            assertThat(batch.stream().map(row -> (UUID) row.get("workflow_step_uuid")).toList())
                    .containsExactlyElementsOf(
                            orderedByTaskThenStep(Map.of(a1, taskA, a2, taskA, b1, taskB, b2, taskB)));
        }

        @Test
        @DisplayName("the batch's step_uuids filter applies across all tasks")
        void batchStepFilter() throws SQLException {
            UUID taskA = scenario.task();
            UUID taskB = scenario.task();
            UUID a1 = scenario.step(taskA);
            scenario.step(taskA);
            UUID b1 = scenario.step(taskB);

            List<Object> filtered = rows("SELECT workflow_step_uuid FROM get_step_readiness_status_batch(?, ?)",
                    uuids(taskA, taskB), uuids(a1, b1)).stream().map(row -> row.get("workflow_step_uuid")).toList();

            assertThat(filtered).containsExactlyInAnyOrder(a1, b1);
        }
    }

    private static List<UUID> orderedByTaskThenStep(Map<UUID, UUID> taskOfStep) {
        return taskOfStep.keySet().stream()
                .sorted(Comparator.comparing((UUID step) -> taskOfStep.get(step), PG_UUID_ORDER)
                        .thenComparing(PG_UUID_ORDER))
                .collect(Collectors.toList());
    }
}

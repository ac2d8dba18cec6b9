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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * get_task_execution_context / get_task_execution_contexts_batch (tasker-schema.md §6.4, final 20251207 logic):
 * counts, the three derived statuses in precedence order, completion percentage, tasks without steps and the
 * batch form.
 */
class TaskExecutionContextTest extends TaskerFunctionTest {

    private TaskerScenario scenario;
    private UUID task;

    @BeforeEach
    void newTask() throws SQLException {
        scenario = newScenario();
        task = scenario.task();
    }

    private Map<String, Object> context() throws SQLException {
        return row("SELECT * FROM get_task_execution_context(?)", task);
    }

    /** A step of the task in {@code state}, its transitions an hour old (so no failure backoff is running). */
    private UUID stepIn(String state) throws SQLException {
        UUID step = scenario.step(task);
        if (!state.equals("none")) {
            scenario.stepStates(step, state);
            scenario.backdateAllStepTransitions(step, 3600);
        }
        return step;
    }

    /** A step in error that can still be retried (attempts 1 of 3, retryable). */
    private UUID retryableFailure() throws SQLException {
        UUID step = stepIn("error");
        scenario.updateStep(step, "attempts = 1, max_attempts = 3, retryable = true");
        return step;
    }

    /** A step in error that has used all its attempts. */
    private UUID exhaustedFailure() throws SQLException {
        UUID step = stepIn("error");
        scenario.updateStep(step, "attempts = 3, max_attempts = 3");
        return step;
    }

    /** A pending step that waits for a parent that has not run. */
    private UUID blockedByParent() throws SQLException {
        UUID parent = stepIn("enqueued");
        UUID child = stepIn("none");
        scenario.edge(parent, child);
        return child;
    }

    @Nested
    @DisplayName("counts")
    class Counts {

        @Test
        @DisplayName("each step state is counted in its column; waiting_for_retry and cancelled only in total_steps")
        void countsPerState() throws SQLException {
            stepIn("none");
            stepIn("pending");
            stepIn("enqueued");
            stepIn("in_progress");
            stepIn("in_progress");
            stepIn("enqueued_for_orchestration");
            stepIn("enqueued_as_error_for_orchestration");
            stepIn("complete");
            stepIn("resolved_manually");
            retryableFailure();
            UUID waiting = stepIn("waiting_for_retry");
            scenario.updateStep(waiting, "attempts = 3, max_attempts = 3");
            stepIn("cancelled");

            Map<String, Object> row = context();

            assertThat(row).containsEntry("total_steps", 12L).containsEntry("pending_steps", 2L)
                    .containsEntry("in_progress_steps", 2L).containsEntry("completed_steps", 2L)
                    .containsEntry("failed_steps", 1L).containsEntry("ready_steps", 2L)
                    .containsEntry("enqueued_steps", 3L);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"enqueued", "enqueued_for_orchestration", "enqueued_as_error_for_orchestration"})
        @DisplayName("enqueued_steps counts enqueued steps and steps enqueued for orchestration, as error included")
        void enqueuedCounts(String state) throws SQLException {
            stepIn(state);
            stepIn(state);
            stepIn("complete");

            assertThat(context()).containsEntry("enqueued_steps", 2L).containsEntry("total_steps", 3L)
                    .containsEntry("pending_steps", 0L).containsEntry("in_progress_steps", 0L);
        }

        @Test
        @DisplayName("ready_steps counts the steps that readiness reports ready")
        void readyCount() throws SQLException {
            stepIn("none");
            stepIn("waiting_for_retry");
            blockedByParent();

            assertThat(context()).containsEntry("ready_steps", 2L).containsEntry("pending_steps", 2L);
        }

        @Test
        @DisplayName("status is the task's current state, or pending without a transition")
        void status() throws SQLException {
            assertThat(context()).containsEntry("status", "pending");

            scenario.taskStates(task, "pending", "initializing", "enqueuing_steps", "steps_in_process");

            assertThat(context()).containsEntry("status", "steps_in_process")
                    .containsEntry("named_task_uuid", scenario.namedTask).containsEntry("task_uuid", task);
        }
    }

    @Nested
    @DisplayName("execution_status and recommended_action, first match wins")
    class ExecutionStatus {

        @Test
        @DisplayName("1. blocked_by_failures / handle_failures when a step used up its attempts, even with ready steps")
        void blockedByExhaustedAttempts() throws SQLException {
            exhaustedFailure();
            stepIn("none");
            stepIn("in_progress");

            assertThat(context()).containsEntry("ready_steps", 1L)
                    .containsEntry("execution_status", "blocked_by_failures")
                    .containsEntry("recommended_action", "handle_failures");
        }

        @Test
        @DisplayName("1. blocked_by_failures also when a failed step is no longer retry-eligible (not retryable)")
        void blockedByRetryEligibility() throws SQLException {
            UUID step = stepIn("error");
            scenario.updateStep(step, "attempts = 1, max_attempts = 3, retryable = false");

            assertThat(context()).containsEntry("execution_status", "blocked_by_failures")
                    .containsEntry("recommended_action", "handle_failures");
        }

        @Test
        @DisplayName("a failure with retries left does not block")
        void retryableFailureDoesNotBlock() throws SQLException {
            retryableFailure();

            assertThat(context()).containsEntry("execution_status", "waiting_for_dependencies")
                    .containsEntry("recommended_action", "wait_for_dependencies");
        }

        @Test
        @DisplayName("2. has_ready_steps / execute_ready_steps before processing")
        void readyBeforeProcessing() throws SQLException {
            stepIn("none");
            stepIn("in_progress");
            stepIn("enqueued");

            assertThat(context()).containsEntry("execution_status", "has_ready_steps")
                    .containsEntry("recommended_action", "execute_ready_steps");
        }

        @Test
        @DisplayName("3. processing / wait_for_completion with an in_progress step")
        void processingInProgress() throws SQLException {
            stepIn("in_progress");
            stepIn("complete");
            blockedByParent();

            assertThat(context()).containsEntry("execution_status", "processing")
                    .containsEntry("recommended_action", "wait_for_completion");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"enqueued", "enqueued_for_orchestration", "enqueued_as_error_for_orchestration"})
        @DisplayName("3. processing, but Q13: wait_for_dependencies when the only active steps are enqueued")
        void processingEnqueuedOnly(String state) throws SQLException {
            stepIn(state);
            stepIn("complete");

            assertThat(context()).containsEntry("execution_status", "processing")
                    .containsEntry("recommended_action", "wait_for_dependencies");
        }

        @Test
        @DisplayName("4. all_complete / finalize_task when every step is complete or resolved_manually")
        void allComplete() throws SQLException {
            stepIn("complete");
            stepIn("resolved_manually");

            assertThat(context()).containsEntry("execution_status", "all_complete")
                    .containsEntry("recommended_action", "finalize_task");
        }

        @Test
        @DisplayName("5. otherwise waiting_for_dependencies / wait_for_dependencies (a cancelled step is not complete)")
        void otherwiseWaiting() throws SQLException {
            stepIn("complete");
            stepIn("cancelled");

            assertThat(context()).containsEntry("execution_status", "waiting_for_dependencies")
                    .containsEntry("recommended_action", "wait_for_dependencies");
        }
    }

    @Nested
    @DisplayName("health_status, first match wins")
    class HealthStatus {

        @Test
        @DisplayName("1. blocked when a step is permanently blocked, whatever else")
        void blocked() throws SQLException {
            exhaustedFailure();
            stepIn("none");

            assertThat(context()).containsEntry("health_status", "blocked");
        }

        @Test
        @DisplayName("2. healthy without failed steps")
        void healthy() throws SQLException {
            stepIn("in_progress");
            stepIn("cancelled");

            assertThat(context()).containsEntry("health_status", "healthy");
        }

        @Test
        @DisplayName("3. recovering with failures and ready steps")
        void recoveringWithReadySteps() throws SQLException {
            retryableFailure();
            stepIn("none");

            assertThat(context()).containsEntry("health_status", "recovering").containsEntry("ready_steps", 1L);
        }

        @Test
        @DisplayName("4. recovering with retryable failures and nothing ready ('unknown' is unreachable, Q13)")
        void recoveringWithoutReadySteps() throws SQLException {
            retryableFailure();
            blockedByParent();

            assertThat(context()).containsEntry("health_status", "recovering").containsEntry("ready_steps", 0L);
        }
    }

    @Nested
    @DisplayName("completion_percentage")
    class Completion {

        @ParameterizedTest(name = "{0} of {1} → {2}")
        @CsvSource({"1, 3, 33.33", "2, 3, 66.67", "1, 6, 16.67", "3, 3, 100.00", "0, 2, 0.00"})
        @DisplayName("completed / total × 100, rounded to two decimals")
        void rounded(int completed, int total, String expected) throws SQLException {
            for (int i = 0; i < total; i++) {
                stepIn(i < completed ? "complete" : "in_progress");
            }

            assertThat((BigDecimal) context().get("completion_percentage")).isEqualByComparingTo(expected);
        }
    }

    @Nested
    @DisplayName("tasks without steps and the batch form")
    class NoStepsAndBatch {

        @Test
        @DisplayName("a task without steps has zero counts, waits for dependencies, 0.0 % and is healthy")
        void noSteps() throws SQLException {
            Map<String, Object> row = context();

            assertThat(row).containsEntry("total_steps", 0L).containsEntry("pending_steps", 0L)
                    .containsEntry("in_progress_steps", 0L).containsEntry("completed_steps", 0L)
                    .containsEntry("failed_steps", 0L).containsEntry("ready_steps", 0L)
                    .containsEntry("enqueued_steps", 0L)
                    .containsEntry("execution_status", "waiting_for_dependencies")
                    .containsEntry("recommended_action", "wait_for_dependencies")
                    .containsEntry("health_status", "healthy");
            assertThat((BigDecimal) row.get("completion_percentage")).isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("the fourteen columns come in the documented order, enqueued_steps last")
        void columnOrder() throws SQLException {
            assertThat(context().keySet()).containsExactly("task_uuid", "named_task_uuid", "status", "total_steps",
                    "pending_steps", "in_progress_steps", "completed_steps", "failed_steps", "ready_steps",
                    "execution_status", "recommended_action", "completion_percentage", "health_status",
                    "enqueued_steps");
        }

        @Test
        @DisplayName("the batch gives, per task, the row of the single-task function")
        void batchEqualsSingle() throws SQLException {
            UUID blocked = task;
            exhaustedFailure();
            UUID running = scenario.task();
            task = running;
            stepIn("in_progress");
            stepIn("complete");
            UUID empty = scenario.task();

            List<Map<String, Object>> batch = rows("SELECT * FROM get_task_execution_contexts_batch(?)"
                    + " ORDER BY task_uuid", uuids(blocked, running, empty));

            assertThat(batch).hasSize(3);
            for (Map<String, Object> batchRow : batch) {
                assertThat(batchRow).isEqualTo(
                        row("SELECT * FROM get_task_execution_context(?)", batchRow.get("task_uuid")));
            }
            assertThat(batch).extracting(r -> r.get("task_uuid"))
                    .containsExactlyElementsOf(pgSorted(blocked, running, empty));
        }

        @Test
        @DisplayName("a task uuid listed twice gives one row whose step counts come from each listing"
                + " (unnest + CROSS JOIN LATERAL, as upstream)")
        void duplicateTaskUuidCountsPerListing() throws SQLException {
            stepIn("complete");
            stepIn("in_progress");
            stepIn("enqueued");
            stepIn("none");
            Map<String, Object> single = context();

            List<Map<String, Object>> batch = rows("SELECT * FROM get_task_execution_contexts_batch(?)",
                    uuids(task, task));

            // §6.4: the step counts come from get_step_readiness_status applied through unnest(input_task_uuids)
            // with a CROSS JOIN LATERAL, so each listing contributes the task's steps once; the task row itself
            // comes from tasker_tasks (= ANY), so there is one row. Ratios and statuses are unchanged.
            assertThat(batch).hasSize(1);
            assertThat(batch.get(0)).containsEntry("task_uuid", task).containsEntry("total_steps", 8L)
                    .containsEntry("pending_steps", 2L).containsEntry("in_progress_steps", 2L)
                    .containsEntry("completed_steps", 2L).containsEntry("failed_steps", 0L)
                    .containsEntry("ready_steps", 2L).containsEntry("enqueued_steps", 2L)
                    .containsEntry("execution_status", single.get("execution_status"))
                    .containsEntry("recommended_action", single.get("recommended_action"))
                    .containsEntry("health_status", single.get("health_status"));
            assertThat((BigDecimal) batch.get(0).get("completion_percentage"))
                    .isEqualByComparingTo((BigDecimal) single.get("completion_percentage"));
            assertThat(single).containsEntry("total_steps", 4L);
        }

        @Test
        @DisplayName("unknown task uuids give no row, in the batch and in the single-task function")
        void unknownTasks() throws SQLException {
            UUID unknown = UUID.randomUUID();

            List<Map<String, Object>> batch = rows("SELECT task_uuid FROM get_task_execution_contexts_batch(?)",
                    uuids(task, unknown));

            assertThat(batch).extracting(r -> r.get("task_uuid")).containsExactly(task);
            assertThat(rows("SELECT * FROM get_task_execution_context(?)", unknown)).isEmpty();
        }
    }
}

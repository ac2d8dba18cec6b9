package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retry timing in step readiness (tasker-schema.md §6.2 steps 3 and 6, §6.3): last_failure_at over the whole
 * history, the explicit backoff written by the application, and the exponential fallback capped at 60 s.
 */
class StepRetryBackoffTest extends TaskerFunctionTest {

    private TaskerScenario scenario;
    private UUID task;

    @BeforeEach
    void newTask() throws SQLException {
        scenario = newScenario();
        task = scenario.task();
    }

    private Map<String, Object> readiness(UUID step) throws SQLException {
        return row("SELECT *, extract(epoch FROM next_retry_at - last_failure_at) AS delay_after_failure,"
                + " extract(epoch FROM next_retry_at - last_attempted_at) AS delay_after_attempt"
                + " FROM get_step_readiness_status(?, ?)", task, uuids(step));
    }

    /** A step that failed {@code secondsAgo} and now waits for its retry. */
    private UUID failedStep(double secondsAgo) throws SQLException {
        UUID step = scenario.step(task);
        UUID error = scenario.stepStates(step, "enqueued", "in_progress", "error");
        scenario.backdateStepTransition(error, secondsAgo);
        scenario.stepStates(step, "waiting_for_retry");
        return step;
    }

    @Test
    @DisplayName("without a failure and without an explicit backoff there is no retry time")
    void noRetryTime() throws SQLException {
        UUID step = scenario.step(task);
        scenario.updateStep(step, "attempts = 1, backoff_request_seconds = NULL, last_attempted_at = now()");

        Map<String, Object> row = readiness(step);

        assertThat(row.get("last_failure_at")).isNull();
        assertThat(row.get("next_retry_at")).isNull();
        assertThat(row).containsEntry("ready_for_execution", true);
    }

    @Test
    @DisplayName("an explicit backoff gives last_attempted_at + backoff_request_seconds and holds the step until then")
    void explicitBackoffPending() throws SQLException {
        UUID step = scenario.step(task);
        scenario.updateStep(step, "attempts = 1, backoff_request_seconds = 30,"
                + " last_attempted_at = now() - interval '10 seconds'");

        Map<String, Object> row = readiness(step);

        assertThat((BigDecimal) row.get("delay_after_attempt")).isEqualByComparingTo("30");
        assertThat(row).containsEntry("ready_for_execution", false);
    }

    @Test
    @DisplayName("an explicit backoff that has passed makes the step ready")
    void explicitBackoffPassed() throws SQLException {
        UUID step = scenario.step(task);
        scenario.updateStep(step, "attempts = 1, backoff_request_seconds = 30,"
                + " last_attempted_at = now() - interval '40 seconds'");

        assertThat(readiness(step)).containsEntry("ready_for_execution", true);
    }

    @Test
    @DisplayName("the explicit backoff takes precedence over a failure whose fallback backoff has long passed")
    void explicitBackoffWinsOverOldFailure() throws SQLException {
        UUID step = failedStep(3600);
        scenario.updateStep(step, "attempts = 1, backoff_request_seconds = 600, last_attempted_at = now()");

        Map<String, Object> row = readiness(step);

        assertThat((BigDecimal) row.get("delay_after_attempt")).isEqualByComparingTo("600");
        assertThat(row).containsEntry("ready_for_execution", false);
    }

    @Test
    @DisplayName("the explicit backoff takes precedence over a fresh failure: an expired explicit backoff lets it run")
    void explicitBackoffWinsOverFreshFailure() throws SQLException {
        UUID step = failedStep(0);
        scenario.updateStep(step, "attempts = 2, backoff_request_seconds = 0, last_attempted_at = now()");

        Map<String, Object> row = readiness(step);

        assertThat((BigDecimal) row.get("delay_after_attempt")).isEqualByComparingTo("0");
        assertThat(row).containsEntry("ready_for_execution", true);
    }

    @Test
    @DisplayName("backoff_request_seconds without last_attempted_at falls back to the failure rule")
    void explicitBackoffNeedsLastAttempt() throws SQLException {
        UUID step = failedStep(0);
        scenario.updateStep(step, "attempts = 3, backoff_request_seconds = 600, last_attempted_at = NULL");

        assertThat((BigDecimal) readiness(step).get("delay_after_failure")).isEqualByComparingTo("8");
    }

    @ParameterizedTest(name = "attempts {0} → {1} s after the failure")
    @CsvSource(nullValues = "NULL", value = {"NULL, 2", "0, 1", "1, 2", "3, 8", "5, 32", "6, 60", "10, 60",
            "1000, 60"})
    @DisplayName("without an explicit backoff: 2^attempts seconds after the latest failure, capped at 60 s")
    void exponentialFallback(Integer attempts, int expectedSeconds) throws SQLException {
        UUID step = failedStep(0);
        scenario.updateStep(step, "attempts = ?, max_attempts = 2000", attempts);

        Map<String, Object> row = readiness(step);

        assertThat((BigDecimal) row.get("delay_after_failure")).isEqualByComparingTo(String.valueOf(expectedSeconds));
        assertThat(row).containsEntry("ready_for_execution", false);
    }

    @Test
    @DisplayName("a step whose fallback backoff has passed is ready again")
    void fallbackPassed() throws SQLException {
        UUID step = failedStep(10);
        scenario.updateStep(step, "attempts = 1");

        assertThat(readiness(step)).containsEntry("ready_for_execution", true);
    }

    @Test
    @DisplayName("Q12: last_failure_at is the latest error over the whole history, also when the step is pending again")
    void lastFailureOverWholeHistory() throws SQLException {
        UUID step = scenario.step(task);
        UUID olderError = scenario.stepStates(step, "error");
        scenario.backdateStepTransition(olderError, 600);
        UUID latestError = scenario.stepStates(step, "pending", "error");
        scenario.backdateStepTransition(latestError, 1);
        scenario.stepStates(step, "pending");
        scenario.updateStep(step, "attempts = 2");

        Map<String, Object> row = readiness(step);
        Object latestErrorAt = value("SELECT created_at FROM tasker_workflow_step_transitions"
                + " WHERE workflow_step_transition_uuid = ?", latestError);

        assertThat(row).containsEntry("current_state", "pending").containsEntry("last_failure_at", latestErrorAt);
        assertThat((BigDecimal) row.get("delay_after_failure")).isEqualByComparingTo("4");
        assertThat(row).containsEntry("ready_for_execution", false);
    }

    @Test
    @DisplayName("calculate_step_next_retry_time honours its cap and multiplier arguments")
    void supportFunctionArguments() throws SQLException {
        Map<String, Object> result = row("""
                SELECT extract(epoch FROM calculate_step_next_retry_time(NULL, NULL, TIMESTAMP '2025-01-01', 4, 10, 3.0)
                               - TIMESTAMP '2025-01-01') AS capped,
                       extract(epoch FROM calculate_step_next_retry_time(NULL, NULL, TIMESTAMP '2025-01-01', 2, 60, 3.0)
                               - TIMESTAMP '2025-01-01') AS uncapped,
                       calculate_step_next_retry_time(5, TIMESTAMP '2025-01-01', NULL, 1) AS explicit,
                       calculate_step_next_retry_time(5, NULL, NULL, 1) AS nothing
                """);

        assertThat((BigDecimal) result.get("capped")).isEqualByComparingTo("10");
        assertThat((BigDecimal) result.get("uncapped")).isEqualByComparingTo("9");
        assertThat(result.get("explicit")).hasToString("2025-01-01 00:00:05.0");
        assertThat(result.get("nothing")).isNull();
    }

    @Test
    @DisplayName("§6.2 worked example: A (max_attempts 0, not retryable) with children B and C")
    void workedExample() throws SQLException {
        UUID a = scenario.step(task);
        UUID b = scenario.step(task);
        UUID c = scenario.step(task);
        scenario.edge(a, b);
        scenario.edge(a, c);
        scenario.updateStep(a, "max_attempts = 0, retryable = false");

        // Nothing has run yet: A is ready, B and C wait for it.
        assertThat(readyOf(a)).isTrue();
        assertThat(readyOf(b)).isFalse();
        assertThat(readyOf(c)).isFalse();

        // A is complete; B failed 1 s ago after its first attempt; C failed for the third of three times.
        scenario.stepStates(a, "enqueued", "in_progress", "enqueued_for_orchestration", "complete");
        UUID bError = scenario.stepStates(b, "enqueued", "in_progress", "error");
        scenario.backdateStepTransition(bError, 1);
        scenario.stepStates(b, "waiting_for_retry");
        scenario.updateStep(b, "attempts = 1, backoff_request_seconds = NULL");
        scenario.stepStates(c, "enqueued", "in_progress", "error");
        scenario.updateStep(c, "attempts = 3, max_attempts = 3");

        Map<String, Object> bRow = readiness(b);
        double untilRetry = ((BigDecimal) value("SELECT extract(epoch FROM next_retry_at - now())"
                + " FROM get_step_readiness_status(?, ?)", task, uuids(b))).doubleValue();
        assertThat(bRow).containsEntry("ready_for_execution", false).containsEntry("dependencies_satisfied", true);
        assertThat((BigDecimal) bRow.get("delay_after_failure")).isEqualByComparingTo("2");
        assertThat(untilRetry).isCloseTo(1.0, within(0.9));
        assertThat(readyOf(c)).isFalse();

        // An explicit backoff of 0 s makes B ready at once.
        scenario.updateStep(b, "backoff_request_seconds = 0, last_attempted_at = now()");
        assertThat(readyOf(b)).isTrue();
    }

    private boolean readyOf(UUID step) throws SQLException {
        return (boolean) readiness(step).get("ready_for_execution");
    }
}

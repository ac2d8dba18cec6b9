package dev.tasker.dao.tasker.readiness;

import static dev.tasker.dao.tasker.InvalidArguments.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The spellings of the execution-context vocabularies (tasker-schema.md §6.4), strict and lenient parsing. */
class ReadinessVocabularyTest {

    @Test
    void theSpellingsAreTheDatabaseStrings() {
        assertThat(Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::databaseValue)).containsExactly(
                "blocked_by_failures", "has_ready_steps", "processing", "all_complete", "waiting_for_dependencies");
        assertThat(Arrays.stream(RecommendedAction.values()).map(RecommendedAction::databaseValue)).containsExactly(
                "handle_failures", "execute_ready_steps", "wait_for_completion", "finalize_task",
                "wait_for_dependencies");
        assertThat(Arrays.stream(HealthStatus.values()).map(HealthStatus::databaseValue))
                .containsExactly("blocked", "healthy", "recovering", "unknown");
    }

    @Test
    void everySpellingReadsBack() {
        Arrays.stream(ExecutionStatus.values()).forEach(status ->
                assertThat(ExecutionStatus.fromDatabase(status.databaseValue())).isEqualTo(status));
        Arrays.stream(RecommendedAction.values()).forEach(action ->
                assertThat(RecommendedAction.fromDatabase(action.databaseValue())).isEqualTo(action));
        Arrays.stream(HealthStatus.values()).forEach(health ->
                assertThat(HealthStatus.fromDatabase(health.databaseValue())).isEqualTo(health));
    }

    @Test
    void anUnknownStringIsAClearErrorWhenStrict() {
        assertInvalid(() -> ExecutionStatus.fromDatabase("sleeping"), "execution status");
        assertInvalid(() -> RecommendedAction.fromDatabase("process_ready_steps"), "recommended action");
        assertInvalid(() -> HealthStatus.fromDatabase(null), "health status");
        assertThatThrownBy(() -> ExecutionStatus.fromDatabase("sleeping"))
                .hasMessageContaining("'sleeping'").hasMessageContaining("has_ready_steps");
    }

    @Test
    void upstreamsLenientParsingFallsBackToWaiting() {
        assertThat(ExecutionStatus.fromDatabaseOrWaiting("sleeping")).isEqualTo(
                ExecutionStatus.WAITING_FOR_DEPENDENCIES);
        assertThat(ExecutionStatus.fromDatabaseOrWaiting("processing")).isEqualTo(ExecutionStatus.PROCESSING);
        assertThat(RecommendedAction.fromDatabaseOrWaiting(null)).isEqualTo(RecommendedAction.WAIT_FOR_DEPENDENCIES);
        assertThat(RecommendedAction.fromDatabaseOrWaiting("finalize_task")).isEqualTo(
                RecommendedAction.FINALIZE_TASK);
    }
}

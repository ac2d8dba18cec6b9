package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** calculate_staleness_threshold: minutes per state, template lifecycle overrides, 1440 fallback (§6.9). */
class CalculateStalenessThresholdTest extends TaskerSchemaTest {

    private static final String OVERRIDES = """
            {"lifecycle": {"max_waiting_for_dependencies_minutes": 7,
                           "max_waiting_for_retry_minutes": 8,
                           "max_steps_in_process_minutes": 9}}""";

    private Object threshold(String state, String configJson) throws SQLException {
        return value("SELECT calculate_staleness_threshold(?, ?::jsonb, 61, 31, 32)", state, configJson);
    }

    @ParameterizedTest(name = "{0} without an override -> its own default argument ({1})")
    @CsvSource({"waiting_for_dependencies, 61", "waiting_for_retry, 31", "steps_in_process, 32"})
    @DisplayName("each stale-able state uses its own default argument when the template has no override")
    void defaultsPerState(String state, int expected) throws SQLException {
        assertThat(threshold(state, "{}")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with lifecycle overrides -> {1}")
    @CsvSource({"waiting_for_dependencies, 7", "waiting_for_retry, 8", "steps_in_process, 9"})
    @DisplayName("the template's lifecycle override wins over the default argument")
    void lifecycleOverridesWin(String state, int expected) throws SQLException {
        assertThat(threshold(state, OVERRIDES)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an override only replaces its own state's default")
    void overrideIsPerState() throws SQLException {
        String retryOnly = "{\"lifecycle\": {\"max_waiting_for_retry_minutes\": 5}}";

        assertThat(threshold("waiting_for_retry", retryOnly)).isEqualTo(5);
        assertThat(threshold("waiting_for_dependencies", retryOnly)).isEqualTo(61);
        assertThat(threshold("steps_in_process", retryOnly)).isEqualTo(32);
    }

    @ParameterizedTest(name = "{0} -> 1440")
    @ValueSource(strings = {"pending", "initializing", "enqueuing_steps", "evaluating_results",
        "blocked_by_failures", "complete", "error", "cancelled", "resolved_manually", "no_such_state"})
    @DisplayName("any other state gets 1440 minutes, overrides or not")
    void otherStatesFallBackTo1440(String state) throws SQLException {
        assertThat(threshold(state, OVERRIDES)).isEqualTo(1440);
        assertThat(threshold(state, "{}")).isEqualTo(1440);
    }

    @Test
    @DisplayName("a NULL configuration means no override")
    void nullConfigurationUsesDefaults() throws SQLException {
        assertThat(threshold("waiting_for_dependencies", null)).isEqualTo(61);
    }

    @Test
    @DisplayName("the declared defaults are 60, 30 and 30 minutes")
    void declaredDefaults() throws SQLException {
        assertThat(row("""
                SELECT calculate_staleness_threshold('waiting_for_dependencies', '{}') AS deps,
                       calculate_staleness_threshold('waiting_for_retry', '{}') AS retry,
                       calculate_staleness_threshold('steps_in_process', '{}') AS in_process""").values())
                .containsExactly(60, 30, 30);
    }
}

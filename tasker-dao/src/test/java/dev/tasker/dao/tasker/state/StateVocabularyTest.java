package dev.tasker.dao.tasker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.TaskerDaoTest;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enums' database strings are exactly the states the schema's CHECK constraints allow. */
class StateVocabularyTest extends TaskerDaoTest {

    @Test
    void taskStatesAreTheCheckConstraintsVocabulary() throws SQLException {
        assertThat(Arrays.stream(TaskState.values()).map(TaskState::databaseValue))
                .containsExactlyInAnyOrderElementsOf(allowedBy("chk_task_transitions_to_state"));
    }

    @Test
    void stepStatesAreTheCheckConstraintsVocabulary() throws SQLException {
        assertThat(Arrays.stream(StepState.values()).map(StepState::databaseValue))
                .containsExactlyInAnyOrderElementsOf(allowedBy("chk_workflow_step_transitions_to_state"));
    }

    @Test
    void everyStateRoundTripsAndLegacyInProgressReadsAsStepsInProcess() {
        for (TaskState state : TaskState.values()) {
            assertThat(TaskState.fromDatabase(state.databaseValue())).isEqualTo(state);
        }
        for (StepState state : StepState.values()) {
            assertThat(StepState.fromDatabase(state.databaseValue())).isEqualTo(state);
        }
        assertThat(TaskState.fromDatabase("in_progress")).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(TaskState.values()).filteredOn(TaskState::isTerminal).containsExactlyInAnyOrder(
                TaskState.COMPLETE, TaskState.ERROR, TaskState.CANCELLED, TaskState.RESOLVED_MANUALLY);
        assertThat(StepState.values()).filteredOn(StepState::isTerminal).containsExactlyInAnyOrder(
                StepState.COMPLETE, StepState.CANCELLED, StepState.RESOLVED_MANUALLY);
    }

    @Test
    void anUnknownStateIsRejectedNamingIt() {
        assertThatThrownBy(() -> TaskState.fromDatabase(null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'null'");
        assertThatThrownBy(() -> TaskState.fromDatabase("running"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'running'");
        assertThatThrownBy(() -> StepState.fromDatabase(null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'null'");
    }

    /** The string literals in the CHECK constraint {@code name} of the tasker database. */
    private List<String> allowedBy(String name) throws SQLException {
        String definition = (String) value("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?",
                name);
        return Pattern.compile("'([a-z_]+)'::").matcher(definition).results()
                .map(match -> match.group(1)).distinct().toList();
    }
}

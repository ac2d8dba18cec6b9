package dev.tasker.dao.tasker.transitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasker.dao.tasker.IllegalTransitionException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.dao.tasker.state.SpecTables;
import dev.tasker.dao.tasker.state.TaskEvent;
import dev.tasker.dao.tasker.state.TaskState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link TaskTransitionDao} against the embedded database. */
class TaskTransitionDaoTest extends TransitionDaoTest {

    private TaskTransitionDao transitions;

    @BeforeAll
    void createDao() {
        transitions = dao.taskTransitions();
    }

    static Stream<SpecTables.TaskRow> legalTransitions() {
        return SpecTables.taskTable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legalTransitions")
    void everyLegalTransitionIsWrittenWithItsSideEffects(SpecTables.TaskRow legal) throws SQLException {
        UUID task = newTask();
        fixtures.taskTransition(task, "pending");
        if (legal.from() != TaskState.PENDING) {
            fixtures.taskTransition(task, legal.from().databaseValue());
        }
        int before = taskRows(task).size();
        UUID processor = UUID.randomUUID();

        TaskTransition written = transitions.transition(task, legal.event(), processor);

        List<Map<String, Object>> rows = taskRows(task);
        Map<String, Object> last = rows.getLast();
        assertThat(rows).hasSize(before + 1);
        assertThat(mostRecent(rows)).isEqualTo(1);
        assertThat(last.get("most_recent")).isEqualTo(true);
        assertThat(last.get("from_state")).isEqualTo(legal.from().databaseValue());
        assertThat(last.get("to_state")).isEqualTo(legal.to().databaseValue());
        assertThat(last.get("sort_key")).isEqualTo(before + 1);
        assertThat(last.get("processor_uuid")).isEqualTo(processor);
        assertThat(last.get("task_transition_uuid")).isEqualTo(written.transitionUuid());
        assertThat(value("SELECT metadata ->> 'event' FROM tasker_task_transitions WHERE task_transition_uuid = ?",
                written.transitionUuid())).isEqualTo(legal.event().describe());
        assertThat(value("SELECT transition_metadata::text FROM tasker_task_transitions"
                + " WHERE task_transition_uuid = ?", written.transitionUuid())).as("left at its default (Q5)")
                .isEqualTo("{}");
        Map<String, Object> columns = taskColumns(task);
        boolean complete = legal.to() == TaskState.COMPLETE;
        assertThat(columns.get("complete")).isEqualTo(complete);
        assertThat(columns.get("completed_at") != null).isEqualTo(complete);
        assertThat(written).isEqualTo(new TaskTransition(written.transitionUuid(), task,
                Optional.of(legal.from()), legal.to(), written.metadata(), before + 1, true, Optional.of(processor),
                written.transitionMetadata(), written.createdAt(), written.updatedAt()));
    }

    @Test
    void theFirstTransitionOfATaskStartsFromPendingWithNoFromState() throws SQLException {
        UUID task = newTask();
        TaskTransition written = transitions.transition(task, TaskEvent.Signal.START);
        Map<String, Object> row = row("SELECT * FROM tasker_task_transitions WHERE task_uuid = ?", task);
        assertThat(row.get("from_state")).isNull();
        assertThat(row.get("to_state")).isEqualTo("initializing");
        assertThat(row.get("sort_key")).isEqualTo(1);
        assertThat(row.get("most_recent")).isEqualTo(true);
        assertThat(row.get("processor_uuid")).isNull();
        assertThat(written.fromState()).isEmpty();
        assertThat(written.processorUuid()).isEmpty();
    }

    static Stream<SpecTables.Illegal<TaskState, TaskEvent>> illegalTransitions() {
        return SpecTables.taskIllegalFamilies().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalTransitions")
    void everyIllegalTransitionFamilyIsRefusedWithNothingWritten(SpecTables.Illegal<TaskState, TaskEvent> illegal)
            throws SQLException {
        UUID task = newTask();
        if (illegal.from().isPresent()) {
            fixtures.taskTransition(task, illegal.from().get().databaseValue());
        }
        List<Map<String, Object>> before = taskRows(task);
        Map<String, Object> columnsBefore = taskColumns(task);

        assertThatThrownBy(() -> transitions.transition(task, illegal.event(), UUID.randomUUID()))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                    assertThat(refused.entity()).isEqualTo("task");
                    assertThat(refused.id()).isEqualTo(task);
                    assertThat(refused.fromState()).isEqualTo(illegal.from().map(TaskState::databaseValue));
                    assertThat(refused.requested()).isEqualTo(illegal.event().describe());
                })
                .hasMessageContaining(illegal.reason());
        assertThat(taskRows(task)).isEqualTo(before);
        assertThat(taskColumns(task)).isEqualTo(columnsBefore);
    }

    @Test
    void anUnknownTaskIsNotFound() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> transitions.transition(unknown, TaskEvent.Signal.START))
                .isInstanceOfSatisfying(NotFoundException.class, missing -> {
                    assertThat(missing.entity()).isEqualTo("task");
                    assertThat(missing.id()).isEqualTo(unknown);
                });
        assertThatThrownBy(() -> transitions.transition(null, TaskEvent.Signal.START))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("task");
        assertThatThrownBy(() -> transitions.transition(unknown, TaskEvent.Signal.START, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("processor");
    }

    @Test
    void historyCurrentAndCurrentStatesReadWhatWasWritten() throws SQLException {
        UUID task = newTask();
        UUID other = newTask();
        UUID without = newTask();
        transitions.transition(task, TaskEvent.Signal.START);
        transitions.transition(task, new TaskEvent.ReadyStepsFound(2));
        transitions.transition(other, TaskEvent.Signal.CANCEL);

        assertThat(transitions.history(task)).extracting(TaskTransition::toState, TaskTransition::sortKey,
                TaskTransition::mostRecent).containsExactly(
                        tuple(TaskState.INITIALIZING, 1, false),
                        tuple(TaskState.ENQUEUING_STEPS, 2, true));
        assertThat(transitions.history(without)).isEmpty();
        assertThat(transitions.current(task).map(TaskTransition::transitionUuid))
                .contains((UUID) value("SELECT task_transition_uuid FROM tasker_task_transitions"
                        + " WHERE task_uuid = ? AND most_recent", task));
        assertThat(transitions.currentState(task)).contains(TaskState.ENQUEUING_STEPS);
        assertThat(transitions.currentState(without)).isEmpty();
        assertThat(transitions.currentStates(List.of(task, other, without))).isEqualTo(Map.of(
                task, TaskState.ENQUEUING_STEPS, other, TaskState.CANCELLED));
        assertThat(transitions.currentStates(List.of())).isEmpty();
    }

    @Test
    void metadataCanBeReplaced() throws SQLException {
        UUID task = newTask();
        TaskTransition written = transitions.transition(task, TaskEvent.Signal.START);
        transitions.updateMetadata(written.transitionUuid(), JSONB.valueOf("{\"event\": \"Start\", \"note\": 1}"));
        assertThat(value("SELECT metadata ->> 'note' FROM tasker_task_transitions WHERE task_transition_uuid = ?",
                written.transitionUuid())).isEqualTo("1");
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> transitions.updateMetadata(unknown, JSONB.valueOf("{}")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown.toString());
    }

    @Test
    void pruningKeepsTheNewestTransitions() throws SQLException {
        UUID task = newTask();
        UUID untouched = newTask();
        for (TaskEvent event : List.of(TaskEvent.Signal.START, new TaskEvent.ReadyStepsFound(1),
                new TaskEvent.StepsEnqueued(List.of()), TaskEvent.Signal.ALL_STEPS_COMPLETED)) {
            transitions.transition(task, event);
            transitions.transition(untouched, event);
        }
        assertThat(transitions.prune(task, 2)).isEqualTo(2);
        assertThat(taskRows(task)).extracting(row -> row.get("sort_key")).containsExactly(3, 4);
        assertThat(mostRecent(taskRows(task))).isEqualTo(1);
        assertThat(transitions.prune(task, 5)).as("fewer than keep: nothing to prune").isZero();
        assertThat(transitions.prune(task, 1)).isEqualTo(1);
        assertThat(taskRows(task)).extracting(row -> row.get("to_state")).containsExactly("evaluating_results");
        assertThat(taskRows(untouched)).hasSize(4);
        assertThatThrownBy(() -> transitions.prune(task, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("keep");
    }

    @Test
    void onTheCallersTransactionARollbackLeavesNothing() throws SQLException {
        UUID task = newTask();
        fixtures.taskTransition(task, "steps_in_process");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess.using(connection).taskTransitions().transition(task, TaskEvent.Signal.COMPLETE);
            assertThat(taskRows(task)).as("invisible before the caller commits").hasSize(1);
            connection.rollback();
        }
        assertThat(taskRows(task)).hasSize(1);
        assertThat(mostRecent(taskRows(task))).isEqualTo(1);
        assertThat(taskColumns(task).get("complete")).isEqualTo(false);
    }
}

package dev.tasker.dao.tasker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.IllegalTransitionException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure state machines against the transcribed tables of §7.1/§7.2: every state × every event. */
class StateMachineTest {

    private static final UUID ID = UUID.randomUUID();

    @Test
    void theTaskMachineAllowsExactlyTheRowsOfTheTable() {
        int allowed = 0;
        for (TaskState from : TaskState.values()) {
            for (TaskEvent event : SpecTables.taskEvents()) {
                Optional<TaskState> expected = SpecTables.taskTable().stream()
                        .filter(row -> row.from() == from && row.event().eventName().equals(event.eventName()))
                        .map(SpecTables.TaskRow::to).findFirst();
                assertThat(TaskStateMachine.target(from, event)).as(from + " on " + event.describe())
                        .isEqualTo(expected);
                allowed += expected.isPresent() ? 1 : 0;
            }
        }
        assertThat(allowed).as("distinct legal (state, event) pairs").isEqualTo(SpecTables.taskTable().size());
    }

    @Test
    void theStepMachineAllowsExactlyTheRowsOfTheTable() {
        int allowed = 0;
        for (StepState from : StepState.values()) {
            for (StepEvent event : SpecTables.stepEvents()) {
                Optional<StepState> expected = SpecTables.stepTable().stream()
                        .filter(row -> row.from() == from && row.event().eventName().equals(event.eventName()))
                        .map(SpecTables.StepRow::to).findFirst();
                assertThat(StepStateMachine.target(from, event)).as(from + " on " + event.eventName())
                        .isEqualTo(expected);
                allowed += expected.isPresent() ? 1 : 0;
            }
        }
        assertThat(allowed).as("distinct legal (state, event) pairs").isEqualTo(SpecTables.stepTable().size());
    }

    @Test
    void aTaskWithoutTransitionsIsPendingAndTerminalStatesAreNeverLeft() {
        assertThat(TaskStateMachine.next(ID, Optional.empty(), TaskEvent.Signal.START))
                .isEqualTo(TaskState.INITIALIZING);
        assertThatThrownBy(() -> TaskStateMachine.next(ID, Optional.of(TaskState.ERROR), TaskEvent.Signal.RESET))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                    assertThat(refused.entity()).isEqualTo("task");
                    assertThat(refused.id()).isEqualTo(ID);
                    assertThat(refused.fromState()).contains("error");
                    assertThat(refused.requested()).isEqualTo("Reset");
                })
                .hasMessageContaining("terminal state error");
        assertThatThrownBy(() -> TaskStateMachine.next(ID, Optional.empty(), TaskEvent.Signal.ALL_STEPS_SUCCESSFUL))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        refused -> assertThat(refused.fromState()).isEmpty())
                .hasMessageContaining("no transition from pending on AllStepsSuccessful");
        assertThatThrownBy(() -> TaskStateMachine.next(ID, Optional.of(TaskState.STEPS_IN_PROCESS),
                TaskEvent.Signal.TIMEOUT)).hasMessageContaining("no transition from steps_in_process on Timeout");
    }

    @Test
    void stepGuardsRefuseUnmetDependenciesAndAStepInProcess() {
        assertThat(StepStateMachine.next(ID, Optional.empty(), StepEvent.Signal.ENQUEUE, StepGuards.CLEAR))
                .isEqualTo(StepState.ENQUEUED);
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.PENDING), StepEvent.Signal.ENQUEUE,
                new StepGuards(2, false))).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("guard failed: dependencies not met: 2 parent step(s)");
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.PENDING), StepEvent.Signal.START,
                new StepGuards(1, false))).hasMessageContaining("dependencies not met");
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.PENDING), StepEvent.Signal.ENQUEUE,
                new StepGuards(0, true))).hasMessageContaining("guard failed: the step is already in process");
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.ENQUEUED), StepEvent.Signal.START,
                new StepGuards(0, true))).hasMessageContaining("already in process");
        assertThat(StepStateMachine.next(ID, Optional.of(StepState.ENQUEUED), StepEvent.Signal.START,
                new StepGuards(3, false))).as("dependencies are checked only from pending")
                .isEqualTo(StepState.IN_PROGRESS);
        assertThat(StepStateMachine.next(ID, Optional.of(StepState.IN_PROGRESS), new StepEvent.Fail("x"),
                new StepGuards(3, true))).as("unguarded transition").isEqualTo(StepState.ERROR);
    }

    @Test
    void aTerminalStepIsLeftOnlyByManualCompletionOrResolution() {
        assertThat(StepStateMachine.next(ID, Optional.of(StepState.COMPLETE), new StepEvent.CompleteManually(
                SpecTables.RESULTS), StepGuards.CLEAR)).isEqualTo(StepState.COMPLETE);
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.CANCELLED), StepEvent.Signal.RETRY,
                StepGuards.CLEAR)).isInstanceOfSatisfying(IllegalTransitionException.class, refused -> {
                    assertThat(refused.entity()).isEqualTo("workflow step");
                    assertThat(refused.fromState()).contains("cancelled");
                })
                .hasMessageContaining("terminal state cancelled");
        assertThatThrownBy(() -> StepStateMachine.next(ID, Optional.of(StepState.ERROR), StepEvent.Signal.START,
                StepGuards.CLEAR)).hasMessageContaining("no transition from error on Start");
    }
}

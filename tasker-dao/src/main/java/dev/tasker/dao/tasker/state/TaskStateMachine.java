package dev.tasker.dao.tasker.state;

import static dev.tasker.dao.tasker.state.TaskState.BLOCKED_BY_FAILURES;
import static dev.tasker.dao.tasker.state.TaskState.CANCELLED;
import static dev.tasker.dao.tasker.state.TaskState.COMPLETE;
import static dev.tasker.dao.tasker.state.TaskState.ENQUEUING_STEPS;
import static dev.tasker.dao.tasker.state.TaskState.ERROR;
import static dev.tasker.dao.tasker.state.TaskState.EVALUATING_RESULTS;
import static dev.tasker.dao.tasker.state.TaskState.INITIALIZING;
import static dev.tasker.dao.tasker.state.TaskState.PENDING;
import static dev.tasker.dao.tasker.state.TaskState.RESOLVED_MANUALLY;
import static dev.tasker.dao.tasker.state.TaskState.STEPS_IN_PROCESS;
import static dev.tasker.dao.tasker.state.TaskState.WAITING_FOR_DEPENDENCIES;
import static dev.tasker.dao.tasker.state.TaskState.WAITING_FOR_RETRY;

import dev.tasker.dao.tasker.IllegalTransitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The legal task transitions of tasker-schema.md §7.1, as a pure function of the current state and the event. A
 * task without any transition is in {@link TaskState#PENDING}. No transition leaves a terminal state, so the legacy
 * row error → pending (Reset) is unreachable (quirk Q16); Timeout and ProcessorCrashed have no transition.
 */
public final class TaskStateMachine {

    private static final String ENTITY = "task";
    private static final UUID ANY_STEP = new UUID(0, 0);
    /** One event of each kind, to ask the table which kinds leave a state. */
    private static final List<TaskEvent> KINDS = kinds();

    private TaskStateMachine() {
    }

    /**
     * The state task {@code task} enters from {@code current} (empty: no transition yet, read as pending) on
     * {@code event}; {@link IllegalTransitionException} saying why if the machine forbids it.
     */
    public static TaskState next(UUID task, Optional<TaskState> current, TaskEvent event) {
        TaskState from = current.orElse(PENDING);
        String fromState = current.map(TaskState::databaseValue).orElse(null);
        if (from.isTerminal()) {
            throw new IllegalTransitionException(ENTITY, task, fromState, event.describe(),
                    "task is in terminal state " + from + ", which no transition leaves", allowedEvents(from));
        }
        return target(from, event).orElseThrow(() -> new IllegalTransitionException(ENTITY, task, fromState,
                event.describe(), "the task state machine has no transition from " + from + " on "
                        + event.eventName(), allowedEvents(from)));
    }

    /** The names of the events that lead out of {@code from}, in the order of §7.1's events (none if terminal). */
    public static List<String> allowedEvents(TaskState from) {
        return KINDS.stream().filter(event -> target(from, event).isPresent()).map(TaskEvent::eventName).toList();
    }

    private static List<TaskEvent> kinds() {
        List<TaskEvent> kinds = new ArrayList<>(List.of(TaskEvent.Signal.values()));
        kinds.addAll(List.of(new TaskEvent.ReadyStepsFound(1), new TaskEvent.StepsEnqueued(List.of()),
                new TaskEvent.EnqueueFailed(""), new TaskEvent.StepCompleted(ANY_STEP),
                new TaskEvent.StepFailed(ANY_STEP), new TaskEvent.PermanentFailure(""), new TaskEvent.Fail("")));
        return List.copyOf(kinds);
    }

    /** The state {@code event} leads to from {@code from}; empty if the table of §7.1 has no such transition. */
    public static Optional<TaskState> target(TaskState from, TaskEvent event) {
        if (from.isTerminal()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (event) {
            case TaskEvent.Signal signal -> onSignal(from, signal);
            case TaskEvent.ReadyStepsFound found -> from == INITIALIZING || from == EVALUATING_RESULTS
                    ? ENQUEUING_STEPS : null;
            case TaskEvent.StepsEnqueued enqueued -> from == ENQUEUING_STEPS ? STEPS_IN_PROCESS : null;
            case TaskEvent.EnqueueFailed failed -> from == ENQUEUING_STEPS ? ERROR : null;
            case TaskEvent.StepCompleted completed -> from == STEPS_IN_PROCESS ? EVALUATING_RESULTS : null;
            case TaskEvent.StepFailed failed -> from == STEPS_IN_PROCESS ? WAITING_FOR_RETRY : null;
            case TaskEvent.PermanentFailure failure -> from == EVALUATING_RESULTS ? BLOCKED_BY_FAILURES : null;
            case TaskEvent.Fail failed -> from == STEPS_IN_PROCESS ? ERROR : null;
        });
    }

    /** The target of a data-less event from the non-terminal state {@code from}, or null. */
    private static TaskState onSignal(TaskState from, TaskEvent.Signal signal) {
        return switch (signal) {
            case START -> from == PENDING ? INITIALIZING : null;
            case NO_STEPS_FOUND -> from == INITIALIZING ? COMPLETE : null;
            case NO_DEPENDENCIES_READY -> from == INITIALIZING || from == EVALUATING_RESULTS
                    ? WAITING_FOR_DEPENDENCIES : null;
            case ALL_STEPS_COMPLETED -> from == STEPS_IN_PROCESS ? EVALUATING_RESULTS : null;
            case ALL_STEPS_SUCCESSFUL -> from == EVALUATING_RESULTS ? COMPLETE : null;
            case DEPENDENCIES_READY -> from == WAITING_FOR_DEPENDENCIES ? EVALUATING_RESULTS : null;
            case RETRY_READY -> from == WAITING_FOR_RETRY ? ENQUEUING_STEPS : null;
            case GIVE_UP -> from == BLOCKED_BY_FAILURES ? ERROR : null;
            case MANUAL_RESOLUTION -> from == BLOCKED_BY_FAILURES ? RESOLVED_MANUALLY : null;
            case CANCEL -> CANCELLED;
            case COMPLETE -> from == STEPS_IN_PROCESS ? COMPLETE : null;
            case RESOLVE_MANUALLY -> RESOLVED_MANUALLY;
            // Reset's only source, error, is terminal; Timeout and ProcessorCrashed have no transition.
            case RESET, TIMEOUT, PROCESSOR_CRASHED -> null;
        };
    }
}

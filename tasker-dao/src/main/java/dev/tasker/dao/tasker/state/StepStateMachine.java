package dev.tasker.dao.tasker.state;

import static dev.tasker.dao.tasker.state.StepState.CANCELLED;
import static dev.tasker.dao.tasker.state.StepState.COMPLETE;
import static dev.tasker.dao.tasker.state.StepState.ENQUEUED;
import static dev.tasker.dao.tasker.state.StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION;
import static dev.tasker.dao.tasker.state.StepState.ENQUEUED_FOR_ORCHESTRATION;
import static dev.tasker.dao.tasker.state.StepState.ERROR;
import static dev.tasker.dao.tasker.state.StepState.IN_PROGRESS;
import static dev.tasker.dao.tasker.state.StepState.PENDING;
import static dev.tasker.dao.tasker.state.StepState.RESOLVED_MANUALLY;
import static dev.tasker.dao.tasker.state.StepState.WAITING_FOR_RETRY;

import dev.tasker.dao.tasker.IllegalTransitionException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The legal workflow-step transitions of tasker-schema.md §7.2, as a pure function of the current state, the event
 * and the {@link StepGuards}. A step without any transition is in {@link StepState#PENDING}. CompleteManually and
 * ResolveManually are allowed from any state, terminal ones included; every other event is refused from a terminal
 * state. Enqueue and (legacy) Start from pending need all dependencies met and the step not in process; Start from
 * enqueued needs the step not in process.
 */
public final class StepStateMachine {

    private static final String ENTITY = "workflow step";

    private static final Set<StepState> FAILABLE = EnumSet.of(PENDING, ENQUEUED, IN_PROGRESS,
            ENQUEUED_FOR_ORCHESTRATION, ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);
    private static final Set<StepState> COMPLETABLE = EnumSet.of(IN_PROGRESS, ENQUEUED_FOR_ORCHESTRATION,
            ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);
    private static final Set<StepState> RETRY_WAITABLE = EnumSet.of(PENDING, ENQUEUED, IN_PROGRESS,
            ENQUEUED_AS_ERROR_FOR_ORCHESTRATION);

    /** One event of each kind, to ask the table which kinds leave a state. */
    private static final List<StepEvent> KINDS = kinds();

    private StepStateMachine() {
    }

    /** The names of the events that lead out of {@code from}, guards not considered. */
    public static List<String> allowedEvents(StepState from) {
        return KINDS.stream().filter(event -> target(from, event).isPresent()).map(StepEvent::eventName).toList();
    }

    private static List<StepEvent> kinds() {
        List<StepEvent> kinds = new ArrayList<>(List.of(StepEvent.Signal.values()));
        kinds.addAll(List.of(new StepEvent.EnqueueForOrchestration(Optional.empty()),
                new StepEvent.EnqueueAsErrorForOrchestration(Optional.empty()),
                new StepEvent.Complete(Optional.empty()),
                new StepEvent.CompleteManually(Optional.empty()), new StepEvent.Fail(""),
                new StepEvent.WaitForRetry("")));
        return List.copyOf(kinds);
    }

    /**
     * The state step {@code step} enters from {@code current} (empty: no transition yet, read as pending) on
     * {@code event} under {@code guards}; {@link IllegalTransitionException} saying why if the machine forbids it.
     */
    public static StepState next(UUID step, Optional<StepState> current, StepEvent event, StepGuards guards) {
        StepState from = current.orElse(PENDING);
        String fromState = current.map(StepState::databaseValue).orElse(null);
        Optional<StepState> target = target(from, event);
        if (target.isEmpty()) {
            String reason = from.isTerminal()
                    ? "workflow step is in terminal state " + from + ", which only CompleteManually and"
                            + " ResolveManually leave"
                    : "the workflow step state machine has no transition from " + from + " on " + event.eventName();
            throw new IllegalTransitionException(ENTITY, step, fromState, event.eventName(), reason,
                    allowedEvents(from));
        }
        guardFailure(from, event, guards).ifPresent(reason -> {
            throw new IllegalTransitionException(ENTITY, step, fromState, event.eventName(), "guard failed: "
                    + reason, allowedEvents(from));
        });
        return target.get();
    }

    /**
     * The state {@code event} leads to from {@code from}, guards not considered; empty if the table of §7.2 has no
     * such transition.
     */
    public static Optional<StepState> target(StepState from, StepEvent event) {
        if (event instanceof StepEvent.CompleteManually) {
            return Optional.of(COMPLETE);
        }
        if (event == StepEvent.Signal.RESOLVE_MANUALLY) {
            return Optional.of(RESOLVED_MANUALLY);
        }
        if (from.isTerminal()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (event) {
            case StepEvent.Signal signal -> onSignal(from, signal);
            case StepEvent.EnqueueForOrchestration results -> from == IN_PROGRESS ? ENQUEUED_FOR_ORCHESTRATION : null;
            case StepEvent.EnqueueAsErrorForOrchestration results -> from == IN_PROGRESS
                    ? ENQUEUED_AS_ERROR_FOR_ORCHESTRATION : null;
            case StepEvent.Complete complete -> COMPLETABLE.contains(from) ? COMPLETE : null;
            case StepEvent.CompleteManually complete -> COMPLETE;
            case StepEvent.Fail fail -> FAILABLE.contains(from) ? ERROR : null;
            case StepEvent.WaitForRetry wait -> RETRY_WAITABLE.contains(from) ? WAITING_FOR_RETRY : null;
        });
    }

    /** Why the guard of the transition {@code from} on {@code event} fails under {@code guards}; empty if it holds. */
    public static Optional<String> guardFailure(StepState from, StepEvent event, StepGuards guards) {
        boolean fromPending = from == PENDING;
        boolean guarded = event == StepEvent.Signal.ENQUEUE && fromPending
                || event == StepEvent.Signal.START && (fromPending || from == ENQUEUED);
        if (!guarded) {
            return Optional.empty();
        }
        if (fromPending && !guards.dependenciesMet()) {
            return Optional.of("dependencies not met: " + guards.unmetParents()
                    + " parent step(s) not complete or resolved_manually");
        }
        if (guards.inProcess()) {
            return Optional.of("the step is already in process");
        }
        return Optional.empty();
    }

    /** The target of a data-less event (ResolveManually handled by the caller) from a non-terminal state, or null. */
    private static StepState onSignal(StepState from, StepEvent.Signal signal) {
        return switch (signal) {
            case ENQUEUE -> from == PENDING ? ENQUEUED : null;
            case START -> from == ENQUEUED || from == PENDING ? IN_PROGRESS : null;
            case CANCEL -> CANCELLED;
            case RETRY -> from == ERROR || from == WAITING_FOR_RETRY ? PENDING : null;
            case RESET_FOR_RETRY -> from == ERROR ? PENDING : null;
            case RESOLVE_MANUALLY -> RESOLVED_MANUALLY;
        };
    }
}

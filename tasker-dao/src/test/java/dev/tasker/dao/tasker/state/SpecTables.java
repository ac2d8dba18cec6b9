package dev.tasker.dao.tasker.state;

import static dev.tasker.dao.tasker.state.StepState.ENQUEUED;
import static dev.tasker.dao.tasker.state.StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION;
import static dev.tasker.dao.tasker.state.StepState.ENQUEUED_FOR_ORCHESTRATION;
import static dev.tasker.dao.tasker.state.StepState.IN_PROGRESS;
import static dev.tasker.dao.tasker.state.TaskState.BLOCKED_BY_FAILURES;
import static dev.tasker.dao.tasker.state.TaskState.ENQUEUING_STEPS;
import static dev.tasker.dao.tasker.state.TaskState.EVALUATING_RESULTS;
import static dev.tasker.dao.tasker.state.TaskState.INITIALIZING;
import static dev.tasker.dao.tasker.state.TaskState.STEPS_IN_PROCESS;
import static dev.tasker.dao.tasker.state.TaskState.WAITING_FOR_DEPENDENCIES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * The legal-transition tables of tasker-schema.md §7.1 and §7.2, transcribed row by row for the tests
 * (independently of the state machines under test), with one sample value per event.
 */
public final class SpecTables {

    /** A legal task transition. */
    public record TaskRow(TaskState from, TaskEvent event, TaskState to) {
        @Override
        public String toString() {
            return from + " --" + event.describe() + "--> " + to;
        }
    }

    /** A legal step transition. */
    public record StepRow(StepState from, StepEvent event, StepState to) {
        @Override
        public String toString() {
            return from + " --" + event.eventName() + "--> " + to;
        }
    }

    /**
     * One member of a family of illegal transitions: from {@code from} (empty: no transition yet) on {@code event},
     * refused with a message containing {@code reason}.
     */
    public record Illegal<S, E>(Optional<S> from, E event, String reason) {
        @Override
        public String toString() {
            return from.map(Object::toString).orElse("(no state)") + " on " + event;
        }
    }

    public static final JSONB RESULTS = JSONB.valueOf(
            "{\"success\": true, \"result\": {\"n\": 1}, \"metadata\": {\"execution_time_ms\": 42}}");

    private SpecTables() {
    }

    /** One sample of every task event. */
    public static List<TaskEvent> taskEvents() {
        List<TaskEvent> events = new ArrayList<>(Arrays.asList(TaskEvent.Signal.values()));
        events.addAll(List.of(new TaskEvent.ReadyStepsFound(3), new TaskEvent.StepsEnqueued(List.of(UUID.randomUUID())),
                new TaskEvent.EnqueueFailed("queue down"), new TaskEvent.StepCompleted(UUID.randomUUID()),
                new TaskEvent.StepFailed(UUID.randomUUID()), new TaskEvent.PermanentFailure("bad input"),
                new TaskEvent.Fail("legacy failure")));
        return events;
    }

    /** One sample of every step event. */
    public static List<StepEvent> stepEvents() {
        List<StepEvent> events = new ArrayList<>(Arrays.asList(StepEvent.Signal.values()));
        events.addAll(List.of(new StepEvent.EnqueueForOrchestration(RESULTS),
                new StepEvent.EnqueueAsErrorForOrchestration(RESULTS), new StepEvent.Complete(RESULTS),
                new StepEvent.CompleteManually(RESULTS), new StepEvent.Fail("boom"),
                new StepEvent.WaitForRetry("rate limited")));
        return events;
    }

    /** §7.1, every row; "any non-terminal" expanded. */
    public static List<TaskRow> taskTable() {
        List<TaskRow> rows = new ArrayList<>(List.of(
                new TaskRow(TaskState.PENDING, TaskEvent.Signal.START, INITIALIZING),
                new TaskRow(INITIALIZING, new TaskEvent.ReadyStepsFound(3), ENQUEUING_STEPS),
                new TaskRow(INITIALIZING, TaskEvent.Signal.NO_STEPS_FOUND, TaskState.COMPLETE),
                new TaskRow(INITIALIZING, TaskEvent.Signal.NO_DEPENDENCIES_READY, WAITING_FOR_DEPENDENCIES),
                new TaskRow(ENQUEUING_STEPS, new TaskEvent.StepsEnqueued(List.of(UUID.randomUUID(),
                        UUID.randomUUID())), STEPS_IN_PROCESS),
                new TaskRow(ENQUEUING_STEPS, new TaskEvent.EnqueueFailed("queue down"), TaskState.ERROR),
                new TaskRow(STEPS_IN_PROCESS, TaskEvent.Signal.ALL_STEPS_COMPLETED, EVALUATING_RESULTS),
                new TaskRow(STEPS_IN_PROCESS, new TaskEvent.StepCompleted(UUID.randomUUID()), EVALUATING_RESULTS),
                new TaskRow(STEPS_IN_PROCESS, new TaskEvent.StepFailed(UUID.randomUUID()),
                        TaskState.WAITING_FOR_RETRY),
                new TaskRow(EVALUATING_RESULTS, TaskEvent.Signal.ALL_STEPS_SUCCESSFUL, TaskState.COMPLETE),
                new TaskRow(EVALUATING_RESULTS, new TaskEvent.ReadyStepsFound(1), ENQUEUING_STEPS),
                new TaskRow(EVALUATING_RESULTS, TaskEvent.Signal.NO_DEPENDENCIES_READY, WAITING_FOR_DEPENDENCIES),
                new TaskRow(EVALUATING_RESULTS, new TaskEvent.PermanentFailure("bad input"), BLOCKED_BY_FAILURES),
                new TaskRow(WAITING_FOR_DEPENDENCIES, TaskEvent.Signal.DEPENDENCIES_READY, EVALUATING_RESULTS),
                new TaskRow(TaskState.WAITING_FOR_RETRY, TaskEvent.Signal.RETRY_READY, ENQUEUING_STEPS),
                new TaskRow(BLOCKED_BY_FAILURES, TaskEvent.Signal.GIVE_UP, TaskState.ERROR),
                new TaskRow(BLOCKED_BY_FAILURES, TaskEvent.Signal.MANUAL_RESOLUTION, TaskState.RESOLVED_MANUALLY),
                new TaskRow(STEPS_IN_PROCESS, TaskEvent.Signal.COMPLETE, TaskState.COMPLETE),
                new TaskRow(STEPS_IN_PROCESS, new TaskEvent.Fail("legacy failure"), TaskState.ERROR)));
        for (TaskState from : TaskState.values()) {
            if (!from.isTerminal()) {
                rows.add(new TaskRow(from, TaskEvent.Signal.CANCEL, TaskState.CANCELLED));
                rows.add(new TaskRow(from, TaskEvent.Signal.RESOLVE_MANUALLY, TaskState.RESOLVED_MANUALLY));
            }
        }
        return rows;
    }

    /** §7.2, every row; multi-source rows and "any" expanded. */
    public static List<StepRow> stepTable() {
        List<StepRow> rows = new ArrayList<>(List.of(
                new StepRow(StepState.PENDING, StepEvent.Signal.ENQUEUE, ENQUEUED),
                new StepRow(ENQUEUED, StepEvent.Signal.START, IN_PROGRESS),
                new StepRow(StepState.PENDING, StepEvent.Signal.START, IN_PROGRESS),
                new StepRow(IN_PROGRESS, new StepEvent.EnqueueForOrchestration(RESULTS), ENQUEUED_FOR_ORCHESTRATION),
                new StepRow(IN_PROGRESS, new StepEvent.EnqueueAsErrorForOrchestration(RESULTS),
                        ENQUEUED_AS_ERROR_FOR_ORCHESTRATION),
                new StepRow(ENQUEUED_FOR_ORCHESTRATION, new StepEvent.Complete(RESULTS), StepState.COMPLETE),
                new StepRow(ENQUEUED_FOR_ORCHESTRATION, new StepEvent.Fail("boom"), StepState.ERROR),
                new StepRow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, new StepEvent.Fail("boom"), StepState.ERROR),
                new StepRow(ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, new StepEvent.Complete(RESULTS), StepState.COMPLETE),
                new StepRow(IN_PROGRESS, new StepEvent.Complete((JSONB) null), StepState.COMPLETE),
                new StepRow(IN_PROGRESS, new StepEvent.Fail("boom"), StepState.ERROR),
                new StepRow(StepState.PENDING, new StepEvent.Fail("boom"), StepState.ERROR),
                new StepRow(ENQUEUED, new StepEvent.Fail("boom"), StepState.ERROR),
                new StepRow(StepState.ERROR, StepEvent.Signal.RETRY, StepState.PENDING),
                new StepRow(StepState.WAITING_FOR_RETRY, StepEvent.Signal.RETRY, StepState.PENDING),
                new StepRow(StepState.ERROR, StepEvent.Signal.RESET_FOR_RETRY, StepState.PENDING)));
        for (StepState from : List.of(StepState.PENDING, ENQUEUED, IN_PROGRESS, ENQUEUED_FOR_ORCHESTRATION,
                ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, StepState.ERROR, StepState.WAITING_FOR_RETRY)) {
            rows.add(new StepRow(from, StepEvent.Signal.CANCEL, StepState.CANCELLED));
        }
        for (StepState from : List.of(IN_PROGRESS, ENQUEUED, StepState.PENDING, ENQUEUED_AS_ERROR_FOR_ORCHESTRATION)) {
            rows.add(new StepRow(from, new StepEvent.WaitForRetry("rate limited"), StepState.WAITING_FOR_RETRY));
        }
        for (StepState from : StepState.values()) {
            rows.add(new StepRow(from, new StepEvent.CompleteManually(RESULTS), StepState.COMPLETE));
            rows.add(new StepRow(from, StepEvent.Signal.RESOLVE_MANUALLY, StepState.RESOLVED_MANUALLY));
        }
        return rows;
    }

    /**
     * Every family of illegal task transitions, one member each: each event from the first non-terminal state
     * without a row for it in §7.1 (events without any transition included), each terminal state, the legacy Reset
     * out of error, and a first transition that is not Start.
     */
    public static List<Illegal<TaskState, TaskEvent>> taskIllegalFamilies() {
        List<Illegal<TaskState, TaskEvent>> families = illegalFamilies(TaskState.values(), TaskState::isTerminal,
                taskEvents(), TaskEvent.Signal.CANCEL, TaskEvent::eventName, (from, event) -> taskTable().stream()
                        .anyMatch(row -> row.from() == from && row.event().eventName().equals(event.eventName())));
        families.add(new Illegal<>(Optional.of(TaskState.ERROR), TaskEvent.Signal.RESET, "terminal state error"));
        families.add(new Illegal<>(Optional.empty(), new TaskEvent.ReadyStepsFound(1),
                "no transition from pending on ReadyStepsFound"));
        return families;
    }

    /**
     * Every family of illegal step transitions (guards aside), one member each: each event from the first
     * non-terminal state without a row for it in §7.2, each terminal state on a non-manual event, and a first
     * transition that pending does not allow.
     */
    public static List<Illegal<StepState, StepEvent>> stepIllegalFamilies() {
        List<Illegal<StepState, StepEvent>> families = illegalFamilies(StepState.values(), StepState::isTerminal,
                stepEvents(), StepEvent.Signal.RETRY, StepEvent::eventName, (from, event) -> stepTable().stream()
                        .anyMatch(row -> row.from() == from && row.event().eventName().equals(event.eventName())));
        families.add(new Illegal<>(Optional.empty(), new StepEvent.Complete(RESULTS),
                "no transition from pending on Complete"));
        return families;
    }

    /**
     * Each of {@code events} from the first non-terminal state for which {@code legal} has no row, and each terminal
     * state on {@code fromTerminal}.
     */
    private static <S, E> List<Illegal<S, E>> illegalFamilies(S[] states, Predicate<S> terminal, List<E> events,
            E fromTerminal, Function<E, String> name, BiPredicate<S, E> legal) {
        List<Illegal<S, E>> families = new ArrayList<>();
        for (E event : events) {
            Arrays.stream(states).filter(from -> !terminal.test(from) && !legal.test(from, event)).findFirst()
                    .ifPresent(from -> families.add(new Illegal<>(Optional.of(from), event,
                            "no transition from " + from + " on " + name.apply(event))));
        }
        Arrays.stream(states).filter(terminal).forEach(state -> families.add(new Illegal<>(Optional.of(state),
                fromTerminal, "terminal state " + state)));
        return families;
    }
}

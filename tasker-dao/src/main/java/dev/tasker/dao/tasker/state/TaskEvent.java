package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.JsonText;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * The events of the task state machine (tasker-schema.md §7.1). Events without data are the constants of
 * {@link Signal}; events with data are records. {@link #describe()} is the debug rendering upstream stores, e.g.
 * {@code Start} or {@code ReadyStepsFound(3)}.
 */
public sealed interface TaskEvent permits TaskEvent.Signal, TaskEvent.ReadyStepsFound, TaskEvent.StepsEnqueued,
        TaskEvent.AboutStep, TaskEvent.WithMessage {

    /** The event's name without data, e.g. {@code ReadyStepsFound}. */
    default String eventName() {
        return getClass().getSimpleName();
    }

    /** The event's data as rendered between the parentheses of {@link #describe()}; empty for a signal. */
    default String detail() {
        return "";
    }

    /** The debug rendering with data, e.g. {@code ReadyStepsFound(3)} or {@code EnqueueFailed("queue down")}. */
    default String describe() {
        return detail().isEmpty() ? eventName() : eventName() + "(" + detail() + ")";
    }

    /** The transition row's {@code metadata}: {@code {"event": "<describe()>"}}. */
    default JSONB metadata() {
        return JSONB.valueOf("{\"event\": " + JsonText.quote(describe()) + "}");
    }

    /** The task events that carry no data. */
    enum Signal implements TaskEvent {
        /** pending → initializing. */
        START,
        /** initializing → complete. */
        NO_STEPS_FOUND,
        /** initializing or evaluating_results → waiting_for_dependencies. */
        NO_DEPENDENCIES_READY,
        /** steps_in_process → evaluating_results. */
        ALL_STEPS_COMPLETED,
        /** evaluating_results → complete. */
        ALL_STEPS_SUCCESSFUL,
        /** waiting_for_dependencies → evaluating_results. */
        DEPENDENCIES_READY,
        /** waiting_for_retry → enqueuing_steps. */
        RETRY_READY,
        /** blocked_by_failures → error. */
        GIVE_UP,
        /** blocked_by_failures → resolved_manually. */
        MANUAL_RESOLUTION,
        /** Any non-terminal state → cancelled. */
        CANCEL,
        /** Legacy: steps_in_process → complete. */
        COMPLETE,
        /** Legacy: any non-terminal state → resolved_manually. */
        RESOLVE_MANUALLY,
        /** Legacy: error → pending, unreachable because error is terminal (quirk Q16). */
        RESET,
        /** Exists upstream but has no transition. */
        TIMEOUT,
        /** Exists upstream but has no transition. */
        PROCESSOR_CRASHED;

        /** The constant's name in PascalCase, e.g. {@code Start}. */
        @Override
        public String eventName() {
            return EventNames.of(this);
        }
    }

    /** The events about one workflow step; the step is their {@link #detail()}. */
    sealed interface AboutStep extends TaskEvent permits StepCompleted, StepFailed {
        /** The step the event is about. */
        UUID step();

        /** The step's uuid. */
        @Override
        default String detail() {
            return step().toString();
        }
    }

    /** The events carrying a message; the message, as a quoted string, is their {@link #detail()}. */
    sealed interface WithMessage extends TaskEvent permits EnqueueFailed, PermanentFailure, Fail {
        /** The message the event carries. */
        String message();

        /** The message as a quoted string. */
        @Override
        default String detail() {
            return JsonText.quote(message());
        }
    }

    /** {@code count} steps are ready: initializing or evaluating_results → enqueuing_steps. */
    record ReadyStepsFound(int count) implements TaskEvent {
        /** Refuses a negative count. */
        public ReadyStepsFound {
            Arguments.notNegative("count", count);
        }

        /** The count, e.g. {@code 3}. */
        @Override
        public String detail() {
            return Integer.toString(count);
        }
    }

    /** These steps were enqueued: enqueuing_steps → steps_in_process. */
    record StepsEnqueued(List<UUID> steps) implements TaskEvent {
        /** Copies {@code steps}; refuses null entries. */
        public StepsEnqueued {
            steps = List.copyOf(Arguments.noNulls("steps", steps));
        }

        /** The step uuids as a list, e.g. {@code [0f…, 1a…]}. */
        @Override
        public String detail() {
            return steps.toString();
        }
    }

    /** Enqueuing failed with {@code message}: enqueuing_steps → error. */
    record EnqueueFailed(String message) implements WithMessage {
        /** Refuses a null message. */
        public EnqueueFailed {
            Arguments.required("message", message);
        }
    }

    /** Step {@code step} completed: steps_in_process → evaluating_results. */
    record StepCompleted(UUID step) implements AboutStep {
        /** Refuses a null step. */
        public StepCompleted {
            Arguments.required("step", step);
        }
    }

    /** Step {@code step} failed: steps_in_process → waiting_for_retry. */
    record StepFailed(UUID step) implements AboutStep {
        /** Refuses a null step. */
        public StepFailed {
            Arguments.required("step", step);
        }
    }

    /** A step failed for good with {@code message}: evaluating_results → blocked_by_failures. */
    record PermanentFailure(String message) implements WithMessage {
        /** Refuses a null message. */
        public PermanentFailure {
            Arguments.required("message", message);
        }
    }

    /** Legacy: the task failed with {@code message}: steps_in_process → error. */
    record Fail(String message) implements WithMessage {
        /** Refuses a null message. */
        public Fail {
            Arguments.required("message", message);
        }
    }
}

package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.JsonText;
import java.util.Map;
import java.util.Optional;
import org.jooq.JSONB;

/**
 * The events of the workflow-step state machine (tasker-schema.md §7.2). Events without data are the constants of
 * {@link Signal}; events with results or a message are records.
 *
 * <p>{@link #toJson()} is the event as stored (as a JSON <em>string</em>) under {@code "event"} in the transition
 * metadata: {@code {"type": "<name>"}}, plus {@code "message"} for {@link Fail} and {@link WaitForRetry}, plus
 * {@code "results"} for the events that carry results. Because the audit trigger (§5.2) reads {@code success} and
 * {@code metadata.execution_time_ms} at the top of the event, the results' own {@code success} and
 * {@code metadata} members (a worker's step execution result has both) are copied to the top as well.
 */
public sealed interface StepEvent permits StepEvent.Signal, StepEvent.EnqueueForOrchestration,
        StepEvent.EnqueueAsErrorForOrchestration, StepEvent.Complete, StepEvent.CompleteManually, StepEvent.Fail,
        StepEvent.WaitForRetry {

    /** The event's name, e.g. {@code EnqueueForOrchestration}. */
    default String eventName() {
        return getClass().getSimpleName();
    }

    /** The results the event carries (written to the step's {@code results} column), if any. */
    default Optional<JSONB> results() {
        return Optional.empty();
    }

    /** The message the event carries ({@link Fail}, {@link WaitForRetry}), if any. */
    default Optional<String> reason() {
        return Optional.empty();
    }

    /** The event serialized as JSON (see the type's description). */
    default String toJson() {
        StringBuilder json = new StringBuilder("{\"type\": ").append(JsonText.quote(eventName()));
        reason().ifPresent(message -> json.append(", \"message\": ").append(JsonText.quote(message)));
        results().ifPresent(results -> {
            json.append(", \"results\": ").append(results.data());
            for (Map.Entry<String, String> member
                    : JsonText.members("results", results, "success", "metadata").entrySet()) {
                json.append(", ").append(JsonText.quote(member.getKey())).append(": ").append(member.getValue());
            }
        });
        return json.append('}').toString();
    }

    /** The step events that carry no data. */
    enum Signal implements StepEvent {
        /** pending → enqueued; guards: dependencies met, not in process. */
        ENQUEUE,
        /** enqueued → in_progress (not in process); legacy pending → in_progress (also dependencies met). */
        START,
        /** Any non-terminal state → cancelled. */
        CANCEL,
        /** error or waiting_for_retry → pending. */
        RETRY,
        /** Any state → resolved_manually. */
        RESOLVE_MANUALLY,
        /** error → pending, setting attempts = 0. */
        RESET_FOR_RETRY;

        /** The constant's name in PascalCase, e.g. {@code Start}. */
        @Override
        public String eventName() {
            return EventNames.of(this);
        }
    }

    /** The worker succeeded: in_progress → enqueued_for_orchestration. */
    record EnqueueForOrchestration(Optional<JSONB> results) implements StepEvent {
        /** Refuses a null optional. */
        public EnqueueForOrchestration {
            Arguments.required("results", results);
        }

        /** With {@code results} (null: none). */
        public EnqueueForOrchestration(JSONB results) {
            this(Optional.ofNullable(results));
        }
    }

    /** The worker failed: in_progress → enqueued_as_error_for_orchestration. */
    record EnqueueAsErrorForOrchestration(Optional<JSONB> results) implements StepEvent {
        /** Refuses a null optional. */
        public EnqueueAsErrorForOrchestration {
            Arguments.required("results", results);
        }

        /** With {@code results} (null: none). */
        public EnqueueAsErrorForOrchestration(JSONB results) {
            this(Optional.ofNullable(results));
        }
    }

    /** enqueued_for_orchestration, enqueued_as_error_for_orchestration or (legacy) in_progress → complete. */
    record Complete(Optional<JSONB> results) implements StepEvent {
        /** Refuses a null optional. */
        public Complete {
            Arguments.required("results", results);
        }

        /** With {@code results} (null: none, the step's results column is left as it is). */
        public Complete(JSONB results) {
            this(Optional.ofNullable(results));
        }
    }

    /** Any state, complete included → complete, with {@code results}. */
    record CompleteManually(Optional<JSONB> results) implements StepEvent {
        /** Refuses a null optional. */
        public CompleteManually {
            Arguments.required("results", results);
        }

        /** With {@code results} (null: none). */
        public CompleteManually(JSONB results) {
            this(Optional.ofNullable(results));
        }
    }

    /** pending, enqueued, in_progress, enqueued_for_orchestration, enqueued_as_error_for_orchestration → error. */
    record Fail(String message) implements StepEvent {
        /** Refuses a null message. */
        public Fail {
            Arguments.required("message", message);
        }

        /** The message. */
        @Override
        public Optional<String> reason() {
            return Optional.of(message);
        }
    }

    /** pending, enqueued, in_progress, enqueued_as_error_for_orchestration → waiting_for_retry. */
    record WaitForRetry(String message) implements StepEvent {
        /** Refuses a null message. */
        public WaitForRetry {
            Arguments.required("message", message);
        }

        /** The message. */
        @Override
        public Optional<String> reason() {
            return Optional.of(message);
        }
    }
}

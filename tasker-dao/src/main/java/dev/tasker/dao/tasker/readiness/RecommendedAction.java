package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** {@code recommended_action} of a task execution context (tasker-schema.md §6.4), first matching rule wins. */
public enum RecommendedAction implements DatabaseValue {
    /** A step is permanently blocked: someone has to deal with the failure. */
    HANDLE_FAILURES,
    /** Steps are ready: enqueue them. */
    EXECUTE_READY_STEPS,
    /** Steps are in progress (only {@code in_progress}, not enqueued ones): wait for them. */
    WAIT_FOR_COMPLETION,
    /** Every step is done: finalize the task. */
    FINALIZE_TASK,
    /** Anything else, including a task whose only active steps are enqueued. */
    WAIT_FOR_DEPENDENCIES;

    private static final Vocabulary<RecommendedAction> VOCABULARY =
            Vocabulary.of("recommended action", RecommendedAction.class);

    /** The action spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static RecommendedAction fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    /** Upstream's lenient parsing (§6.4): an unknown string reads as {@link #WAIT_FOR_DEPENDENCIES}. */
    public static RecommendedAction fromDatabaseOrWaiting(String value) {
        return VOCABULARY.find(value).orElse(WAIT_FOR_DEPENDENCIES);
    }
}

package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** {@code execution_status} of a task execution context (tasker-schema.md §6.4), first matching rule wins. */
public enum ExecutionStatus implements DatabaseValue {
    /** A step of the task is permanently blocked (in error with no retry left). */
    BLOCKED_BY_FAILURES,
    /** At least one step is ready for execution. */
    HAS_READY_STEPS,
    /** Steps are in progress or enqueued (for a worker or for orchestration). */
    PROCESSING,
    /** Every step is complete or resolved manually (and there is at least one). */
    ALL_COMPLETE,
    /** Anything else, including a task without steps. */
    WAITING_FOR_DEPENDENCIES;

    private static final Vocabulary<ExecutionStatus> VOCABULARY =
            Vocabulary.of("execution status", ExecutionStatus.class);

    /** The status spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static ExecutionStatus fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    /** Upstream's lenient parsing (§6.4): an unknown string reads as {@link #WAITING_FOR_DEPENDENCIES}. */
    public static ExecutionStatus fromDatabaseOrWaiting(String value) {
        return VOCABULARY.find(value).orElse(WAITING_FOR_DEPENDENCIES);
    }
}

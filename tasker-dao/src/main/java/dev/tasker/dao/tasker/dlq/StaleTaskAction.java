package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** {@code action_taken} of {@code detect_and_transition_stale_tasks} (tasker-schema.md §6.9). */
public enum StaleTaskAction implements DatabaseValue {
    /** Dry run: nothing written. */
    WOULD_TRANSITION_TO_DLQ_AND_ERROR,
    /** DLQ entry created and task moved to error. */
    TRANSITIONED_TO_DLQ_AND_ERROR,
    /** DLQ entry created, but the task could not be moved to error. */
    MOVED_TO_DLQ_ONLY,
    /** No DLQ entry created, but the task moved to error. */
    TRANSITIONED_TO_ERROR_ONLY,
    /** Neither happened. */
    TRANSITION_FAILED;

    private static final Vocabulary<StaleTaskAction> VOCABULARY =
            Vocabulary.of("stale task action", StaleTaskAction.class);

    /** The action spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static StaleTaskAction fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }
}

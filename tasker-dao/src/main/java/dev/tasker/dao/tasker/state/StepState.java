package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/**
 * The 10 workflow-step states (tasker-schema.md §7.2), each with the string stored in
 * {@code tasker_workflow_step_transitions}.
 */
public enum StepState implements DatabaseValue {
    PENDING,
    ENQUEUED,
    IN_PROGRESS,
    ENQUEUED_FOR_ORCHESTRATION,
    ENQUEUED_AS_ERROR_FOR_ORCHESTRATION,
    WAITING_FOR_RETRY,
    COMPLETE,
    ERROR,
    CANCELLED,
    RESOLVED_MANUALLY;

    private static final Vocabulary<StepState> VOCABULARY = Vocabulary.of("workflow step state", StepState.class);

    /** complete, cancelled or resolved_manually. {@link #ERROR} is not terminal: a step in error may retry. */
    public boolean isTerminal() {
        return this == COMPLETE || this == CANCELLED || this == RESOLVED_MANUALLY;
    }

    /** complete or resolved_manually: the states in which a parent counts as done for its children. */
    public boolean satisfiesDependencies() {
        return this == COMPLETE || this == RESOLVED_MANUALLY;
    }

    /** The state stored as {@code value}. */
    public static StepState fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    /** The database value, e.g. {@code "in_progress"}. */
    @Override
    public String toString() {
        return databaseValue();
    }
}

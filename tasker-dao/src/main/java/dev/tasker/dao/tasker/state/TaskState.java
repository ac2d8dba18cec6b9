package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** The 12 task states (tasker-schema.md §7.1), each with the string stored in {@code tasker_task_transitions}. */
public enum TaskState implements DatabaseValue {
    PENDING,
    INITIALIZING,
    ENQUEUING_STEPS,
    STEPS_IN_PROCESS,
    EVALUATING_RESULTS,
    WAITING_FOR_DEPENDENCIES,
    WAITING_FOR_RETRY,
    BLOCKED_BY_FAILURES,
    COMPLETE,
    ERROR,
    CANCELLED,
    RESOLVED_MANUALLY;

    /** The legacy spelling that older rows and callers use for {@link #STEPS_IN_PROCESS}. */
    public static final String LEGACY_IN_PROGRESS = "in_progress";

    private static final Vocabulary<TaskState> VOCABULARY = Vocabulary.of("task state", TaskState.class)
            .withAlias(LEGACY_IN_PROGRESS, STEPS_IN_PROCESS);

    /** complete, error, cancelled or resolved_manually: no transition leaves these states. */
    public boolean isTerminal() {
        return this == COMPLETE || this == ERROR || this == CANCELLED || this == RESOLVED_MANUALLY;
    }

    /** pending, waiting_for_dependencies or waiting_for_retry: the states in which a task may be claimed. */
    public boolean canBeProcessed() {
        return this == PENDING || this == WAITING_FOR_DEPENDENCIES || this == WAITING_FOR_RETRY;
    }

    /** The state stored as {@code value}; the legacy {@code "in_progress"} reads as {@link #STEPS_IN_PROCESS}. */
    public static TaskState fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    /** The database value, e.g. {@code "steps_in_process"}. */
    @Override
    public String toString() {
        return databaseValue();
    }
}

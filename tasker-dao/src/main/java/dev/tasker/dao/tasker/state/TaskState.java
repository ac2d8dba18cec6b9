package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 12 task states (tasker-schema.md §7.1), each with the string stored in {@code tasker_task_transitions}. */
public enum TaskState {
    PENDING("pending"),
    INITIALIZING("initializing"),
    ENQUEUING_STEPS("enqueuing_steps"),
    STEPS_IN_PROCESS("steps_in_process"),
    EVALUATING_RESULTS("evaluating_results"),
    WAITING_FOR_DEPENDENCIES("waiting_for_dependencies"),
    WAITING_FOR_RETRY("waiting_for_retry"),
    BLOCKED_BY_FAILURES("blocked_by_failures"),
    COMPLETE("complete"),
    ERROR("error"),
    CANCELLED("cancelled"),
    RESOLVED_MANUALLY("resolved_manually");

    /** The legacy spelling that older rows and callers use for {@link #STEPS_IN_PROCESS}. */
    public static final String LEGACY_IN_PROGRESS = "in_progress";

    private static final Map<String, TaskState> BY_DATABASE_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(TaskState::databaseValue, Function.identity()));

    private final String databaseValue;

    TaskState(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    /** The string stored in the transition tables, e.g. {@code "steps_in_process"}. */
    public String databaseValue() {
        return databaseValue;
    }

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
        if (LEGACY_IN_PROGRESS.equals(value)) {
            return STEPS_IN_PROCESS;
        }
        TaskState state = value == null ? null : BY_DATABASE_VALUE.get(value);
        if (state == null) {
            throw new InvalidArgumentException("task state", "unknown task state '" + value + "', expected one of "
                    + BY_DATABASE_VALUE.keySet().stream().sorted().toList());
        }
        return state;
    }

    @Override
    public String toString() {
        return databaseValue;
    }
}

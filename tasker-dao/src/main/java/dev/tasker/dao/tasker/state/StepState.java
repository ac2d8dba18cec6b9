package dev.tasker.dao.tasker.state;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 10 workflow-step states (tasker-schema.md §7.2), each with the string stored in
 * {@code tasker_workflow_step_transitions}.
 */
public enum StepState {
    PENDING("pending"),
    ENQUEUED("enqueued"),
    IN_PROGRESS("in_progress"),
    ENQUEUED_FOR_ORCHESTRATION("enqueued_for_orchestration"),
    ENQUEUED_AS_ERROR_FOR_ORCHESTRATION("enqueued_as_error_for_orchestration"),
    WAITING_FOR_RETRY("waiting_for_retry"),
    COMPLETE("complete"),
    ERROR("error"),
    CANCELLED("cancelled"),
    RESOLVED_MANUALLY("resolved_manually");

    private static final Map<String, StepState> BY_DATABASE_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(StepState::databaseValue, Function.identity()));

    private final String databaseValue;

    StepState(String databaseValue) {
        this.databaseValue = databaseValue;
    }

    /** The string stored in the transition table, e.g. {@code "in_progress"}. */
    public String databaseValue() {
        return databaseValue;
    }

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
        StepState state = value == null ? null : BY_DATABASE_VALUE.get(value);
        if (state == null) {
            throw new InvalidArgumentException("step state", "unknown workflow step state '" + value
                    + "', expected one of " + BY_DATABASE_VALUE.keySet().stream().sorted().toList());
        }
        return state;
    }

    @Override
    public String toString() {
        return databaseValue;
    }
}

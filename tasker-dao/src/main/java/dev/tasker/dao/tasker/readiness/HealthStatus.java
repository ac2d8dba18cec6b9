package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** {@code health_status} of a task execution context (tasker-schema.md §6.4), first matching rule wins. */
public enum HealthStatus implements DatabaseValue {
    /** A step is permanently blocked. */
    BLOCKED,
    /** No step is in error. */
    HEALTHY,
    /** Steps are in error but none is permanently blocked. */
    RECOVERING,
    /** The fallback rule; unreachable with the current rules but part of the vocabulary. */
    UNKNOWN;

    private static final Vocabulary<HealthStatus> VOCABULARY = Vocabulary.of("health status", HealthStatus.class);

    /** The status spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static HealthStatus fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }
}

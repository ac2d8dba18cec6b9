package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.support.Vocabulary;
import java.util.Locale;

/** {@code health_status} of a task execution context (tasker-schema.md §6.4), first matching rule wins. */
public enum HealthStatus {
    /** A step is permanently blocked. */
    BLOCKED,
    /** No step is in error. */
    HEALTHY,
    /** Steps are in error but none is permanently blocked. */
    RECOVERING,
    /** The fallback rule; unreachable with the current rules but part of the vocabulary. */
    UNKNOWN;

    private static final Vocabulary<HealthStatus> VOCABULARY =
            Vocabulary.of("health status", HealthStatus.class, HealthStatus::databaseValue);

    /** The string the database functions return, e.g. {@code "recovering"}. */
    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static HealthStatus fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }
}

package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** {@code health_status} of {@code v_task_staleness_monitoring} (tasker-schema.md §4.3). */
public enum StalenessHealth implements DatabaseValue {
    /** Under 80 % of the staleness threshold. */
    HEALTHY,
    /** At or over 80 % of the threshold. */
    WARNING,
    /** At or over the threshold. */
    STALE;

    private static final Vocabulary<StalenessHealth> VOCABULARY =
            Vocabulary.of("staleness health status", StalenessHealth.class);

    /** The status spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static StalenessHealth fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }
}

package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.support.Vocabulary;
import java.util.Locale;

/** {@code health_status} of {@code v_task_staleness_monitoring} (tasker-schema.md §4.3). */
public enum StalenessHealth {
    /** Under 80 % of the staleness threshold. */
    HEALTHY,
    /** At or over 80 % of the threshold. */
    WARNING,
    /** At or over the threshold. */
    STALE;

    private static final Vocabulary<StalenessHealth> VOCABULARY =
            Vocabulary.of("staleness health status", StalenessHealth.class, StalenessHealth::databaseValue);

    /** The string the view returns, e.g. {@code "warning"}. */
    public String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelled {@code value}; an unknown string is an error naming the expected ones. */
    public static StalenessHealth fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }
}

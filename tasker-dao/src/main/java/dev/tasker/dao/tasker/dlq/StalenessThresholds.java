package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.support.Arguments;

/**
 * Default staleness limits of the stale-task detection (tasker-schema.md §6.9). A template's
 * {@code lifecycle} configuration overrides the three per-state minutes for its tasks.
 *
 * @param waitingForDependenciesMinutes limit in {@code waiting_for_dependencies}
 * @param waitingForRetryMinutes        limit in {@code waiting_for_retry}
 * @param stepsInProcessMinutes         limit in {@code steps_in_process}
 * @param maxTaskLifetimeHours          a task this old is stale whatever its time in state
 */
public record StalenessThresholds(int waitingForDependenciesMinutes, int waitingForRetryMinutes,
                                  int stepsInProcessMinutes, int maxTaskLifetimeHours) {

    /** The database functions' defaults: 60, 30 and 30 minutes, 24 hours. */
    public static final StalenessThresholds DEFAULTS = new StalenessThresholds(60, 30, 30, 24);

    /** Checks that no limit is negative. */
    public StalenessThresholds {
        Arguments.notNegative("waitingForDependenciesMinutes", waitingForDependenciesMinutes);
        Arguments.notNegative("waitingForRetryMinutes", waitingForRetryMinutes);
        Arguments.notNegative("stepsInProcessMinutes", stepsInProcessMinutes);
        Arguments.notNegative("maxTaskLifetimeHours", maxTaskLifetimeHours);
    }
}

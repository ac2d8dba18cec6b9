package dev.tasker.dao.tasker.analytics;

import dev.tasker.dao.tasker.support.Arguments;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The window, limit and exact-match filters of {@link AnalyticsDao#slowestSteps(SlowestQuery)} and
 * {@link AnalyticsDao#slowestTasks(SlowestQuery)}. Start from {@link #lastDay(int)} and narrow with the
 * {@code with…} methods.
 *
 * @param since         rows created after this instant (empty: the last 24 hours)
 * @param limit         at most this many rows (≥ 0)
 * @param namespaceName only this namespace
 * @param taskName      only this named task
 * @param version       only this named-task version
 */
public record SlowestQuery(Optional<OffsetDateTime> since, int limit, Optional<String> namespaceName,
                           Optional<String> taskName, Optional<String> version) {

    /** The functions' default limit. */
    public static final int DEFAULT_LIMIT = 10;

    /** Checks the arguments. */
    public SlowestQuery {
        Arguments.required("since", since);
        Arguments.notNegative("limit", limit);
        Arguments.required("namespaceName", namespaceName);
        Arguments.required("taskName", taskName);
        Arguments.required("version", version);
    }

    /** The {@code limit} slowest of the last 24 hours, unfiltered. */
    public static SlowestQuery lastDay(int limit) {
        return new SlowestQuery(Optional.empty(), limit, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This query over rows created after {@code from}. */
    public SlowestQuery withSince(OffsetDateTime from) {
        return new SlowestQuery(Optional.of(Arguments.required("since", from)), limit, namespaceName, taskName,
                version);
    }

    /** This query, only in namespace {@code name}. */
    public SlowestQuery withNamespace(String name) {
        return new SlowestQuery(since, limit, Optional.of(Arguments.notBlank("namespaceName", name)), taskName,
                version);
    }

    /** This query, only for named task {@code name}. */
    public SlowestQuery withTaskName(String name) {
        return new SlowestQuery(since, limit, namespaceName, Optional.of(Arguments.notBlank("taskName", name)),
                version);
    }

    /** This query, only for named-task version {@code taskVersion}. */
    public SlowestQuery withVersion(String taskVersion) {
        return new SlowestQuery(since, limit, namespaceName, taskName,
                Optional.of(Arguments.notBlank("version", taskVersion)));
    }
}

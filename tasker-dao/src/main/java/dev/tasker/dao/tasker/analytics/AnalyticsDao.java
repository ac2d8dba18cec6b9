package dev.tasker.dao.tasker.analytics;

import static dev.tasker.schema.tasker.generated.Tables.GET_ANALYTICS_METRICS;
import static dev.tasker.schema.tasker.generated.Tables.GET_SLOWEST_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.GET_SLOWEST_TASKS;
import static dev.tasker.schema.tasker.generated.Tables.GET_SYSTEM_HEALTH_COUNTS;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** System health counts and analytics (tasker-schema.md §6.10, §6.11), one query per call. */
public final class AnalyticsDao {

    private final DSLContext ctx;

    /** Analytics queries on {@code ctx}. */
    public AnalyticsDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** Tasks and steps counted by current state, with the totals. */
    public SystemHealthCounts systemHealthCounts() {
        return DaoErrors.call("read system health counts", () -> SystemHealthCounts.of(
                ctx.selectFrom(GET_SYSTEM_HEALTH_COUNTS()).fetchSingle()));
    }

    /** The metrics over the tasks created in the last hour. */
    public AnalyticsMetrics metrics() {
        return metrics(Optional.empty());
    }

    /** The metrics over the tasks created after {@code since} (the health score always covers the last hour). */
    public AnalyticsMetrics metrics(OffsetDateTime since) {
        return metrics(Optional.of(Arguments.required("since", since)));
    }

    /** The slowest completed steps matching {@code query}, slowest first. */
    public List<SlowStep> slowestSteps(SlowestQuery query) {
        Arguments.required("query", query);
        return DaoErrors.call("read slowest steps", () -> ctx.selectFrom(GET_SLOWEST_STEPS.call(
                        query.since().orElse(null), query.limit(), query.namespaceName().orElse(null),
                        query.taskName().orElse(null), query.version().orElse(null)))
                .fetch(SlowStep::of));
    }

    /** The slowest tasks matching {@code query}, slowest first. */
    public List<SlowTask> slowestTasks(SlowestQuery query) {
        Arguments.required("query", query);
        return DaoErrors.call("read slowest tasks", () -> ctx.selectFrom(GET_SLOWEST_TASKS.call(
                        query.since().orElse(null), query.limit(), query.namespaceName().orElse(null),
                        query.taskName().orElse(null), query.version().orElse(null)))
                .fetch(SlowTask::of));
    }

    private AnalyticsMetrics metrics(Optional<OffsetDateTime> since) {
        return DaoErrors.call("read analytics metrics", () -> AnalyticsMetrics.of(
                ctx.selectFrom(GET_ANALYTICS_METRICS.call(since.orElse(null))).fetchSingle()));
    }
}

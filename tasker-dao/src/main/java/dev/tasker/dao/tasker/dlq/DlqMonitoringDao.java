package dev.tasker.dao.tasker.dlq;

import static dev.tasker.schema.tasker.generated.Tables.V_DLQ_DASHBOARD;
import static dev.tasker.schema.tasker.generated.Tables.V_DLQ_INVESTIGATION_QUEUE;
import static dev.tasker.schema.tasker.generated.Tables.V_TASK_STALENESS_MONITORING;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The DLQ and staleness views (tasker-schema.md §4.3–§4.5), one query per call. */
public final class DlqMonitoringDao {

    private final DSLContext ctx;

    /** View queries on {@code ctx}. */
    public DlqMonitoringDao(DSLContext ctx) {
        this.ctx = Arguments.required("ctx", ctx);
    }

    /** Up to {@code limit} (≥ 0) pending entries, highest priority score first (then entry uuid). */
    public List<DlqInvestigationItem> investigationQueue(int limit) {
        Arguments.notNegative("limit", limit);
        return DaoErrors.call("read dlq investigation queue", () -> ctx.selectFrom(V_DLQ_INVESTIGATION_QUEUE)
                .orderBy(V_DLQ_INVESTIGATION_QUEUE.PRIORITY_SCORE.desc(), V_DLQ_INVESTIGATION_QUEUE.DLQ_ENTRY_UUID)
                .limit(limit)
                .fetch(DlqInvestigationItem::of));
    }

    /** One summary per reason that has entries, in the enum's order. */
    public List<DlqReasonSummary> dashboard() {
        return DaoErrors.call("read dlq dashboard", () -> ctx.selectFrom(V_DLQ_DASHBOARD)
                .orderBy(V_DLQ_DASHBOARD.DLQ_REASON)
                .fetch(DlqReasonSummary::of));
    }

    /** Up to {@code limit} (≥ 0) monitored tasks, longest in their state first (then task uuid). */
    public List<TaskStaleness> staleness(int limit) {
        return staleness(Optional.empty(), limit);
    }

    /** Up to {@code limit} (≥ 0) monitored tasks whose health is {@code health}, longest in their state first. */
    public List<TaskStaleness> staleness(StalenessHealth health, int limit) {
        return staleness(Optional.of(Arguments.required("health", health)), limit);
    }

    private List<TaskStaleness> staleness(Optional<StalenessHealth> health, int limit) {
        Arguments.notNegative("limit", limit);
        return DaoErrors.call("read task staleness", () -> ctx.selectFrom(V_TASK_STALENESS_MONITORING)
                .where(health.map(wanted -> V_TASK_STALENESS_MONITORING.HEALTH_STATUS.eq(wanted.databaseValue()))
                        .orElse(DSL.noCondition()))
                .orderBy(V_TASK_STALENESS_MONITORING.TIME_IN_STATE_MINUTES.desc(),
                        V_TASK_STALENESS_MONITORING.TASK_UUID)
                .limit(limit)
                .fetch(TaskStaleness::of));
    }
}

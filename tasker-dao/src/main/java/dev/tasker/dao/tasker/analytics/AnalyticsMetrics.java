package dev.tasker.dao.tasker.analytics;

import dev.tasker.schema.tasker.generated.tables.records.GetAnalyticsMetricsRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The single row of {@code get_analytics_metrics} (tasker-schema.md §6.11). "Window tasks" are those created after
 * {@link #analysisPeriodStart()}.
 *
 * @param activeTasksCount     tasks (all time) with a step not complete, error or resolved manually
 * @param totalNamespacesCount distinct namespace names with a task
 * @param uniqueTaskTypesCount distinct named-task names with a task
 * @param systemHealthScore    completed / (completed + errored) tasks of the last hour, 1.0 without any
 * @param taskThroughput       window tasks
 * @param completionCount      window tasks with a complete step
 * @param errorCount           window tasks with a step in error
 * @param completionRate       completion count / throughput × 100
 * @param errorRate            error count / throughput × 100
 * @param avgTaskDuration      seconds from task creation to step completion, averaged per completed step
 * @param avgStepDuration      seconds from step creation to its completion, averaged
 * @param stepThroughput       steps of the window tasks
 * @param analysisPeriodStart  the window start
 * @param calculatedAt         the transaction time of the calculation
 */
public record AnalyticsMetrics(long activeTasksCount, long totalNamespacesCount, long uniqueTaskTypesCount,
                               BigDecimal systemHealthScore, long taskThroughput, long completionCount,
                               long errorCount, BigDecimal completionRate, BigDecimal errorRate,
                               BigDecimal avgTaskDuration, BigDecimal avgStepDuration, long stepThroughput,
                               OffsetDateTime analysisPeriodStart, OffsetDateTime calculatedAt) {

    static AnalyticsMetrics of(GetAnalyticsMetricsRecord row) {
        return new AnalyticsMetrics(row.getActiveTasksCount(), row.getTotalNamespacesCount(),
                row.getUniqueTaskTypesCount(), row.getSystemHealthScore(), row.getTaskThroughput(),
                row.getCompletionCount(), row.getErrorCount(), row.getCompletionRate(), row.getErrorRate(),
                row.getAvgTaskDuration(), row.getAvgStepDuration(), row.getStepThroughput(),
                row.getAnalysisPeriodStart(), row.getCalculatedAt());
    }
}

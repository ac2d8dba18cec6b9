package dev.tasker.dao.tasker.dlq;

import dev.tasker.schema.tasker.generated.tables.records.VDlqDashboardRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A row of {@code v_dlq_dashboard} (tasker-schema.md §4.5): the entries of one reason, counted by status.
 *
 * @param reason                   the reason
 * @param totalEntries             all entries with it
 * @param pending                  pending ones
 * @param manuallyResolved         manually resolved ones
 * @param permanentFailures        permanently failed ones
 * @param cancelled                cancelled ones
 * @param oldestEntry              earliest DLQ timestamp
 * @param newestEntry              latest DLQ timestamp
 * @param avgResolutionTimeMinutes mean of (resolution time, or now for open ones) − DLQ timestamp, in minutes
 */
public record DlqReasonSummary(DlqReason reason, long totalEntries, long pending, long manuallyResolved,
                               long permanentFailures, long cancelled, LocalDateTime oldestEntry,
                               LocalDateTime newestEntry, BigDecimal avgResolutionTimeMinutes) {

    static DlqReasonSummary of(VDlqDashboardRecord row) {
        return new DlqReasonSummary(DlqReason.of(row.getDlqReason()), row.getTotalEntries(), row.getPending(),
                row.getManuallyResolved(), row.getPermanentFailures(), row.getCancelled(), row.getOldestEntry(),
                row.getNewestEntry(), row.getAvgResolutionTimeMinutes());
    }
}

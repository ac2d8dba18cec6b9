package dev.tasker.it;

import dev.tasker.dao.tasker.dlq.DlqReasonSummary;
import dev.tasker.database.DatabaseMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DLQ dashboard next to the queue statistics: what {@link DlqOverviewService#overview()} assembles from the two
 * databases.
 *
 * @param mode      single or split: where the two halves were read from
 * @param dashboard one summary per DLQ reason that has entries ({@code v_dlq_dashboard}, tasker database)
 * @param queues    every queue of the PGMQ database with its depth, ordered by name
 */
public record DlqOverview(DatabaseMode mode, List<DlqReasonSummary> dashboard, List<QueueDepth> queues) {

    /** Checks the components and copies the lists. */
    public DlqOverview {
        Objects.requireNonNull(mode, "mode");
        dashboard = List.copyOf(dashboard);
        queues = List.copyOf(queues);
    }

    /** The depth of {@code queue}, if the PGMQ database has such a queue. */
    public Optional<QueueDepth> queue(String queue) {
        return queues.stream().filter(depth -> depth.queue().equals(queue)).findFirst();
    }
}

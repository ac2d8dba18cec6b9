package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.support.Arguments;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Which dead-letter entries {@link DlqDao#list(DlqFilter)} returns: every criterion present must hold. Start from
 * {@link #all()} and narrow with the {@code with…} methods.
 *
 * @param resolutionStatus only entries with this status
 * @param reason           only entries with this reason
 * @param taskUuid         only entries of this task
 * @param since            only entries put into the queue at or after this time
 * @param limit            at most this many entries (≥ 0)
 * @param offset           skip this many entries first (≥ 0)
 */
public record DlqFilter(Optional<DlqResolutionStatus> resolutionStatus, Optional<DlqReason> reason,
                        Optional<UUID> taskUuid, Optional<LocalDateTime> since, int limit, int offset) {

    /** The limit of {@link #all()}. */
    public static final int DEFAULT_LIMIT = 100;

    /** Checks the arguments. */
    public DlqFilter {
        Arguments.required("resolutionStatus", resolutionStatus);
        Arguments.required("reason", reason);
        Arguments.required("taskUuid", taskUuid);
        Arguments.required("since", since);
        Arguments.notNegative("limit", limit);
        Arguments.notNegative("offset", offset);
    }

    /** No criterion, the first {@value #DEFAULT_LIMIT} entries. */
    public static DlqFilter all() {
        return new DlqFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                0);
    }

    /** This filter, narrowed to entries with {@code status}. */
    public DlqFilter withResolutionStatus(DlqResolutionStatus status) {
        return new DlqFilter(Optional.of(Arguments.required("resolutionStatus", status)), reason, taskUuid, since,
                limit, offset);
    }

    /** This filter, narrowed to entries with {@code dlqReason}. */
    public DlqFilter withReason(DlqReason dlqReason) {
        return new DlqFilter(resolutionStatus, Optional.of(Arguments.required("reason", dlqReason)), taskUuid, since,
                limit, offset);
    }

    /** This filter, narrowed to entries of {@code task}. */
    public DlqFilter withTask(UUID task) {
        return new DlqFilter(resolutionStatus, reason, Optional.of(Arguments.required("taskUuid", task)), since,
                limit, offset);
    }

    /** This filter, narrowed to entries put into the queue at or after {@code from}. */
    public DlqFilter withSince(LocalDateTime from) {
        return new DlqFilter(resolutionStatus, reason, taskUuid, Optional.of(Arguments.required("since", from)),
                limit, offset);
    }

    /** This filter with a page of {@code pageLimit} entries after skipping {@code pageOffset}. */
    public DlqFilter withPage(int pageLimit, int pageOffset) {
        return new DlqFilter(resolutionStatus, reason, taskUuid, since, pageLimit, pageOffset);
    }
}

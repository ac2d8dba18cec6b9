package dev.tasker.dao.tasker.readiness;

import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.schema.tasker.generated.tables.records.GetStepReadinessStatusBatchRecord;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of {@code get_step_readiness_status} / {@code get_step_readiness_status_batch} (tasker-schema.md §6.2):
 * whether a workflow step may be enqueued now, and the facts that decided it.
 *
 * @param workflowStepUuid      the step
 * @param taskUuid              its task
 * @param namedStepUuid         its named step
 * @param name                  the named step's name
 * @param currentState          the state of its most recent transition ({@link StepState#PENDING} without one)
 * @param dependenciesSatisfied no parents, or every parent complete or resolved manually
 * @param retryEligible         never attempted, or retryable with attempts left
 * @param readyForExecution     pending or waiting for retry, not processed or in process, dependencies satisfied,
 *                              retry eligible and past its next retry time
 * @param lastFailureAt         when the step last entered {@code error}, over its whole history
 * @param nextRetryAt           the earliest time it may run again (explicit backoff first, else exponential)
 * @param totalParents          incoming edges
 * @param completedParents      parents complete or resolved manually
 * @param attempts              attempts so far (0 when never set)
 * @param maxAttempts           attempts allowed (3 when not set)
 * @param backoffRequestSeconds the backoff the application asked for, if any
 * @param lastAttemptedAt       when the step was last claimed, if ever
 */
public record StepReadiness(UUID workflowStepUuid, UUID taskUuid, UUID namedStepUuid, String name,
                            StepState currentState, boolean dependenciesSatisfied, boolean retryEligible,
                            boolean readyForExecution, Optional<LocalDateTime> lastFailureAt,
                            Optional<LocalDateTime> nextRetryAt, int totalParents, int completedParents,
                            int attempts, int maxAttempts, Optional<Integer> backoffRequestSeconds,
                            Optional<LocalDateTime> lastAttemptedAt) {

    static StepReadiness of(GetStepReadinessStatusBatchRecord row) {
        return new StepReadiness(row.getWorkflowStepUuid(), row.getTaskUuid(), row.getNamedStepUuid(),
                row.getName(), StepState.fromDatabase(row.getCurrentState()), row.getDependenciesSatisfied(),
                row.getRetryEligible(), row.getReadyForExecution(), Optional.ofNullable(row.getLastFailureAt()),
                Optional.ofNullable(row.getNextRetryAt()), row.getTotalParents(), row.getCompletedParents(),
                row.getAttempts(), row.getMaxAttempts(), Optional.ofNullable(row.getBackoffRequestSeconds()),
                Optional.ofNullable(row.getLastAttemptedAt()));
    }
}

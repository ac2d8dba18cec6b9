package dev.tasker.dao.tasker.steps;

import dev.tasker.dao.tasker.support.Arguments;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A workflow step to create explicitly with {@link WorkflowStepDao#createSteps}. Start from {@link #of} (the column
 * defaults: retryable, 3 attempts, not skippable, priority 0, no inputs) and change what differs.
 */
public record NewStep(UUID namedStepUuid, boolean retryable, int maxAttempts, boolean skippable, int priority,
        JSONB inputs) {

    /** Checks the named step and that {@code maxAttempts} is not negative. */
    public NewStep {
        Arguments.required("namedStepUuid", namedStepUuid);
        Arguments.notNegative("maxAttempts", maxAttempts);
    }

    /** A step of {@code namedStepUuid} with the column defaults. */
    public static NewStep of(UUID namedStepUuid) {
        return new NewStep(namedStepUuid, true, 3, false, 0, null);
    }

    /** This with {@code newRetryable} and {@code newMaxAttempts}. */
    public NewStep withRetry(boolean newRetryable, int newMaxAttempts) {
        return new NewStep(namedStepUuid, newRetryable, newMaxAttempts, skippable, priority, inputs);
    }

    /** This with {@code newSkippable}. */
    public NewStep withSkippable(boolean newSkippable) {
        return new NewStep(namedStepUuid, retryable, maxAttempts, newSkippable, priority, inputs);
    }

    /** This with {@code newPriority}. */
    public NewStep withPriority(int newPriority) {
        return new NewStep(namedStepUuid, retryable, maxAttempts, skippable, newPriority, inputs);
    }

    /** This with {@code newInputs}. */
    public NewStep withInputs(JSONB newInputs) {
        return new NewStep(namedStepUuid, retryable, maxAttempts, skippable, priority, newInputs);
    }
}

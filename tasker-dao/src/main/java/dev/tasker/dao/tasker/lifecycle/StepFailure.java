package dev.tasker.dao.tasker.lifecycle;

import dev.tasker.dao.tasker.transitions.StepTransition;
import java.util.OptionalInt;

/**
 * What {@link StepLifecycle#fail} did with a failed step.
 *
 * @param transition     the step's new current transition: to {@code waiting_for_retry} or to {@code error}
 * @param willRetry      true if the step has attempts left and is retryable (it waits for retry), false if it
 *                       failed for good ({@code error}, which blocks its task)
 * @param backoffSeconds the backoff written for a retry
 */
public record StepFailure(StepTransition transition, boolean willRetry, OptionalInt backoffSeconds) {
}

package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.steps.WorkflowStep;

/**
 * What {@link StepTransitionDao#startAndClaim} wrote in one unit: the step's new current transition (to
 * {@code in_progress}) and the step row as it is after the claim ({@code in_process}, attempts counted,
 * {@code last_attempted_at} stamped).
 *
 * @param transition the Start transition
 * @param step       the claimed step
 */
public record ClaimedStep(StepTransition transition, WorkflowStep step) {
}

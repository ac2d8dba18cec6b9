/**
 * Task and workflow-step transitions (tasker-schema.md §7.3):
 * {@link dev.tasker.dao.tasker.transitions.TaskTransitionDao} and
 * {@link dev.tasker.dao.tasker.transitions.StepTransitionDao} check an event against the state machine, append
 * the transition so that at most one concurrent writer becomes current, apply the target state's column side
 * effects in the same unit, and read and prune the history.
 */
package dev.tasker.dao.tasker.transitions;

/**
 * Workflow steps of tasks: creation from a task's template or explicitly, claiming, backoff, results, inputs,
 * checkpoints, reset for retry and row locks; the {@code provides} edges between steps with a race-safe cycle
 * check; and DAG queries over {@code tasker_step_dag_relationships}.
 */
package dev.tasker.dao.tasker.steps;

/**
 * The task and step lifecycles as single calls: {@link dev.tasker.dao.tasker.lifecycle.TaskLifecycle#advance}
 * applies what a task's execution context calls for, and {@link dev.tasker.dao.tasker.lifecycle.StepLifecycle}
 * claims, completes and fails steps with the schema's retry and backoff rules. Both are atomic, race-safe and
 * idempotent, so an orchestration loop built on them cannot take an illegal transition.
 */
package dev.tasker.dao.tasker.lifecycle;

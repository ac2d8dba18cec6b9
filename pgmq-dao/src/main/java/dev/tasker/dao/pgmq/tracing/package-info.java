/**
 * The hook that carries trace context through message headers: {@link dev.tasker.dao.pgmq.tracing.MessageTracing}.
 */
package dev.tasker.dao.pgmq.tracing;

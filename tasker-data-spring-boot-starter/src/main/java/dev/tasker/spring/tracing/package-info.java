/**
 * Trace context across the queue with Micrometer Tracing, without Spring:
 * {@link dev.tasker.spring.tracing.MicrometerMessageTracing}.
 */
package dev.tasker.spring.tracing;

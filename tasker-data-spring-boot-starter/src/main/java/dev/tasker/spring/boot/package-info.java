/**
 * Spring Boot auto-configuration for tasker-data: the pools and DAOs from {@code tasker.*} settings, Spring
 * transactions, consumer beans ({@link dev.tasker.spring.boot.QueueConsumer}), migrate-on-startup, health
 * indicators, Micrometer meters and trace context across the queue.
 */
package dev.tasker.spring.boot;

/**
 * The dead-letter queue of tasks: entries (list, get, resolve, create), the investigation-queue, dashboard and
 * staleness views, and stale-task detection with its dry run and sweep (tasker-schema.md §2.14, §3, §4.3–§4.5,
 * §6.9).
 */
package dev.tasker.dao.tasker.dlq;

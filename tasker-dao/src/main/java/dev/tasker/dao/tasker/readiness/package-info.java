/**
 * Readiness and orchestration queries as typed results: step readiness, task execution contexts, dependency
 * levels and transitive dependencies, and tasks ready to be claimed (tasker-schema.md §6.2–§6.7).
 */
package dev.tasker.dao.tasker.readiness;

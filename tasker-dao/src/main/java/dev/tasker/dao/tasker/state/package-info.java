/**
 * The task and workflow-step states of tasker-schema.md §7 as Java enums (and their events and state machines),
 * each mapped to the snake_case string stored in the transition tables.
 */
package dev.tasker.dao.tasker.state;

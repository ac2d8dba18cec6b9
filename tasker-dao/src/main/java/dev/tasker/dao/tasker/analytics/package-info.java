/** System health counts and analytics as typed results (tasker-schema.md §6.10, §6.11). */
package dev.tasker.dao.tasker.analytics;

/**
 * Typed data access for the tasker workflow schema (filled by the tasker-dao issue).
 */
package dev.tasker.dao.tasker;

/**
 * DatabasePools, the Migrator and its CLI (filled by the migrator issue).
 */
package dev.tasker.migrator;

/**
 * Runs the two migration sets where they belong and hands out the connection pools for them:
 * {@link dev.tasker.migrator.DatabasePools} (one HikariCP pool per distinct database),
 * {@link dev.tasker.migrator.DatabaseSettings} (URLs and pool sizes, with upstream's single/split rule) and
 * {@link dev.tasker.migrator.Migrator}: a preflight of both databases, then the tasker set and the PGMQ set, each
 * with its own Flyway history, locked per database for the whole run, adopting databases that upstream's sqlx
 * migrator migrated; with info, validate and a dry run that change nothing.
 */
package dev.tasker.migrator;

/**
 * Runs the two migration sets where they belong and hands out the connection pools for them:
 * {@link dev.tasker.migrator.DatabasePools} (one HikariCP pool per distinct database),
 * {@link dev.tasker.migrator.DatabaseSettings} (URLs and pool sizes, with upstream's single/split rule) and the
 * migrator with its command-line interface.
 */
package dev.tasker.migrator;

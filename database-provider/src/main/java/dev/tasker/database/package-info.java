/**
 * Hands out the PostgreSQL databases that builds, tests and local runs use.
 *
 * <p>A {@link dev.tasker.database.DatabaseProvider} is one of three kinds ({@link dev.tasker.database.ProviderKind}):
 * an embedded PostgreSQL 18 server with tasker-data's pgmq-compatible extension installed, external servers
 * named by URL, or a Testcontainers PostgreSQL+pgmq image. Each {@link
 * dev.tasker.database.DatabaseProvider#provision(DatabaseMode)} call returns the tasker and PGMQ databases for
 * one {@link dev.tasker.database.DatabaseMode}. Every failure surfaces as a {@link
 * dev.tasker.database.DatabaseProviderException} whose message names the cause.
 */
package dev.tasker.database;

/**
 * A typed client for the PGMQ database: pgmq's SQL API and the project's notify wrappers from {@code pgmq-schema},
 * a notification listener on a dedicated connection, and a consumer that combines notifications with polling.
 * Errors are {@link dev.tasker.dao.pgmq.PgmqException} and its subclasses, never raw jOOQ or JDBC exceptions.
 */
package dev.tasker.dao.pgmq;

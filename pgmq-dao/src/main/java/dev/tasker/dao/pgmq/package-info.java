/**
 * A typed client for the PGMQ database: pgmq's SQL API and the project's notify wrappers from {@code pgmq-schema},
 * a notification listener on a dedicated connection, and a consumer that combines notifications with polling.
 *
 * <p>The client starts at {@link dev.tasker.dao.pgmq.PgmqClient} (bound to a jOOQ context or JDBC connection, joining
 * the caller's transaction, or to a {@code DataSource}), which hands out {@link dev.tasker.dao.pgmq.QueueAdmin},
 * {@link dev.tasker.dao.pgmq.QueueSender}, {@link dev.tasker.dao.pgmq.QueueReader} and
 * {@link dev.tasker.dao.pgmq.MessageSettler}. It supports pgmq 1.5.1 through 1.11: message and metrics rows are read
 * by column name, and features newer than 1.5.1 are probed ({@link dev.tasker.dao.pgmq.PgmqFeatures}).
 * Errors are {@link dev.tasker.dao.pgmq.PgmqException} and its subclasses, never raw jOOQ or JDBC exceptions.
 */
package dev.tasker.dao.pgmq;

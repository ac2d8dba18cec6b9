/**
 * Typed data access for the tasker workflow schema, on the committed jOOQ classes of {@code tasker-schema}.
 *
 * <p>Every DAO is built on a jOOQ {@link org.jooq.DSLContext}: bind it to the caller's connection or transaction
 * and every operation joins that transaction; {@link dev.tasker.dao.tasker.TaskerDataAccess} is the entry point
 * from a {@link javax.sql.DataSource}. Errors are {@link dev.tasker.dao.tasker.TaskerDaoException} and its
 * subclasses, never raw jOOQ or JDBC exceptions.
 */
package dev.tasker.dao.tasker;

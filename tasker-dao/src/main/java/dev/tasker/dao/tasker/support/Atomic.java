package dev.tasker.dao.tasker.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs a unit of several statements all-or-nothing without taking the transaction away from the caller.
 *
 * <ul>
 *   <li>On a connection in autocommit mode (a {@code DataSource}-bound context, or a plain connection) the work
 *       runs in a transaction of its own, committed at the end or rolled back on failure.</li>
 *   <li>On a connection inside the caller's transaction the work runs under a savepoint: on failure only the
 *       work is rolled back and the caller's transaction stays usable; on success nothing is committed, the
 *       caller decides.</li>
 * </ul>
 *
 * <p>jOOQ's own {@code transactionResult} is not used because, on a connection whose transaction was begun by the
 * caller through JDBC, it would commit that transaction.
 */
public final class Atomic {

    private Atomic() {
    }

    /** Runs {@code work} on one connection of {@code ctx}, all-or-nothing, and returns its result. */
    public static <T> T run(DSLContext ctx, Function<DSLContext, T> work) {
        return ctx.connectionResult(connection -> {
            DSLContext bound = ctx.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
            return connection.getAutoCommit() ? ownTransaction(connection, bound, work)
                    : underSavepoint(connection, bound, work);
        });
    }

    private static <T> T ownTransaction(Connection connection, DSLContext bound, Function<DSLContext, T> work)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.apply(bound);
            connection.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            rollback(connection, null, failure);
            throw failure;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static <T> T underSavepoint(Connection connection, DSLContext bound, Function<DSLContext, T> work)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.apply(bound);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (RuntimeException | Error failure) {
            rollback(connection, savepoint, failure);
            throw failure;
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint, Throwable failure) {
        try {
            if (savepoint == null) {
                connection.rollback();
            } else {
                connection.rollback(savepoint);
            }
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}

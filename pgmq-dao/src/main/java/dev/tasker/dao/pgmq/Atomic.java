package dev.tasker.dao.pgmq;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Runs a unit of several statements all-or-nothing on one connection without taking the transaction away from the
 * caller: on an autocommit connection (a {@code DataSource}-bound client) in a transaction of its own, committed at
 * the end; inside the caller's transaction under a savepoint, rolled back to it on failure and never committed.
 *
 * <p>jOOQ's {@code transactionResult} is not used: on a connection whose transaction the caller began through JDBC
 * it would commit that transaction.
 */
final class Atomic {

    private Atomic() {
    }

    /** Runs {@code work} on one connection of {@code ctx}, all-or-nothing, and returns its result. */
    static <T> T run(DSLContext ctx, Function<DSLContext, T> work) {
        return ctx.connectionResult(connection -> {
            DSLContext bound = ctx.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
            boolean ownTransaction = connection.getAutoCommit();
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
            Savepoint savepoint = ownTransaction ? null : connection.setSavepoint();
            try {
                T result = work.apply(bound);
                finish(connection, savepoint);
                return result;
            } catch (RuntimeException | Error failure) {
                undo(connection, savepoint, failure);
                throw failure;
            } finally {
                if (ownTransaction) {
                    connection.setAutoCommit(true);
                }
            }
        });
    }

    /** Commits the own transaction ({@code savepoint} null) or releases the savepoint in the caller's. */
    private static void finish(Connection connection, Savepoint savepoint) throws SQLException {
        if (savepoint == null) {
            connection.commit();
        } else {
            connection.releaseSavepoint(savepoint);
        }
    }

    /** Rolls back the own transaction or to the savepoint, keeping a rollback failure as suppressed. */
    private static void undo(Connection connection, Savepoint savepoint, Throwable failure) {
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

package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.TaskerDaoException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/**
 * Converts jOOQ/JDBC failures at the DAO boundary into this module's exceptions. Exceptions of the module pass
 * through unchanged.
 *
 * <ul>
 *   <li>serialization failure (40001), deadlock (40P01), unique violation (23505) → {@link ConflictException}</li>
 *   <li>invalid text representation (22P02), check violation (23514), not-null violation (23502), JSON errors
 *       (22032) and values out of range (22003) → {@link InvalidArgumentException}</li>
 *   <li>everything else → {@link TaskerDaoException} naming the operation; a missing table, function or schema
 *       adds the likely cause (not migrated, wrong database) and the fix, a refused connection (also behind a
 *       pool's timeout) adds {@code connection refused to host:port}</li>
 * </ul>
 */
public final class DaoErrors {

    /** The PostgreSQL driver's message for a refused connection: {@code Connection to host:port refused}. */
    private static final Pattern REFUSED = Pattern.compile("Connection to (\\S+) refused");

    private DaoErrors() {
    }

    /** Runs {@code work}, converting any database failure; {@code operation} (e.g. "create task") names it. */
    public static <T> T call(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (TaskerDaoException alreadyConverted) {
            throw alreadyConverted;
        } catch (DataAccessException failure) {
            throw translate(operation, failure);
        }
    }

    /** {@link #call(String, Supplier)} for work without a result. */
    public static void run(String operation, Runnable work) {
        call(operation, () -> {
            work.run();
            return null;
        });
    }

    /** The module exception for {@code failure} during {@code operation}. */
    public static TaskerDaoException translate(String operation, DataAccessException failure) {
        String sqlState = sqlState(failure).orElse("");
        String detail = operation + " failed: " + message(failure) + hint(sqlState) + refusedConnection(failure);
        return switch (sqlState) {
            case "40001", "40P01", "23505" -> new ConflictException(null, null, detail, failure);
            case "22P02", "23514", "23502", "22032", "22003", "22023" ->
                    invalidArgument(operation, detail, failure);
            default -> new TaskerDaoException(detail, failure);
        };
    }

    /** The SQLSTATE of the first {@link SQLException} in {@code failure}'s causes, if any. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** What a missing relation, function or schema (42P01, 42883, 3F000) most likely means, and the fix. */
    private static String hint(String sqlState) {
        return switch (sqlState) {
            case "42P01", "42883", "3F000" -> ". The tasker schema is not in this database: it was not migrated, or"
                    + " this is the wrong database for this operation (in split mode tasker-dao needs the tasker"
                    + " database, DATABASE_URL, not the PGMQ database). Fix: run the migrator against this database,"
                    + " or give tasker-dao the tasker pool";
            default -> "";
        };
    }

    /** {@code ": connection refused to host:port"} if a cause is a refused connection (e.g. behind a pool timeout). */
    static String refusedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher refused = cause.getMessage() == null ? null : REFUSED.matcher(cause.getMessage());
            if (refused != null && refused.find()) {
                return ": connection refused to " + refused.group(1) + " (is the database server running and"
                        + " accepting TCP/IP connections there?)";
            }
            if (cause instanceof ConnectException) {
                return ": connection refused (" + cause.getMessage() + ")";
            }
        }
        return "";
    }

    private static InvalidArgumentException invalidArgument(String operation, String detail, Throwable cause) {
        InvalidArgumentException converted = new InvalidArgumentException(operation, detail);
        converted.initCause(cause);
        return converted;
    }

    private static String message(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getMessage();
            }
        }
        return failure.getMessage();
    }
}

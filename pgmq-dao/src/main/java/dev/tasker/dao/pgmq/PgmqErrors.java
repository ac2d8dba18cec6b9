package dev.tasker.dao.pgmq;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;

/**
 * Converts jOOQ/JDBC failures at the client boundary into this module's exceptions; exceptions of the module pass
 * through unchanged.
 *
 * <ul>
 *   <li>a missing queue table ({@code relation "pgmq.q_<name>" does not exist}, SQLSTATE 42P01) or the wrappers'
 *       {@code Queue does not exist: <name>} → {@link QueueNotFoundException} naming the queue;</li>
 *   <li>everything else (including an unreachable database) → {@link PgmqException} naming the operation; a
 *       database without pgmq adds the likely cause (wrong database, not migrated) and the fix, a refused
 *       connection (also behind a pool's timeout) adds {@code connection refused to host:port}.</li>
 * </ul>
 */
final class PgmqErrors {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final List<String> MISSING_OBJECT = List.of(UNDEFINED_TABLE, "42883", "3F000");
    private static final Pattern REFUSED = Pattern.compile("Connection to (\\S+) refused");

    private PgmqErrors() {
    }

    /** Runs {@code work} for {@code operation} on {@code queue} (null when not queue-specific), converting failures. */
    static <T> T call(String operation, String queue, Supplier<T> work) {
        try {
            return work.get();
        } catch (PgmqException alreadyConverted) {
            throw alreadyConverted;
        } catch (DataAccessException failure) {
            throw translate(operation, queue, failure);
        }
    }

    /** The module exception for {@code failure} during {@code operation} on {@code queue}. */
    static PgmqException translate(String operation, String queue, DataAccessException failure) {
        String message = message(failure);
        boolean missingQueueTable = sqlState(failure).filter(UNDEFINED_TABLE::equals).isPresent()
                && message.contains("q_");
        if (queue != null && (missingQueueTable || message.contains("Queue does not exist: "))) {
            return new QueueNotFoundException(operation, queue, failure);
        }
        return new PgmqException(operation + " failed: " + message + pgmqMissing(failure, message)
                + refusedConnection(failure), failure);
    }

    /** The likely cause and fix when the database has no pgmq schema, table or function (42P01, 42883, 3F000). */
    private static String pgmqMissing(Throwable failure, String message) {
        boolean missing = sqlState(failure).filter(MISSING_OBJECT::contains).isPresent() && message.contains("pgmq");
        return !missing ? "" : ". PGMQ is not in this database: this is the wrong database for this operation (in"
                + " split mode queue operations need the PGMQ database, PGMQ_DATABASE_URL, not the tasker database),"
                + " or the PGMQ set was not migrated. Fix: give the PgmqClient the PGMQ pool, or run the migrator";
    }

    /** {@code ": connection refused to host:port"} if a cause is a refused connection (e.g. behind a pool timeout). */
    private static String refusedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher refused = cause.getMessage() == null ? null : REFUSED.matcher(cause.getMessage());
            if (refused != null && refused.find()) {
                return ": connection refused to " + refused.group(1);
            }
        }
        return "";
    }

    /** The SQLSTATE of the first {@link SQLException} among {@code failure}'s causes. */
    static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    private static String message(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getMessage() != null) {
                return sql.getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }
}

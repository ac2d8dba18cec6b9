package dev.tasker.dao.pgmq;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Converts jOOQ/JDBC failures at the client boundary into this module's exceptions; exceptions of the module pass
 * through unchanged.
 *
 * <ul>
 *   <li>a missing queue table ({@code relation "pgmq.q_<name>" does not exist}, SQLSTATE 42P01) or the wrappers'
 *       {@code Queue does not exist: <name>} → {@link QueueNotFoundException} naming the queue;</li>
 *   <li>everything else (including an unreachable database) → {@link PgmqException} naming the operation.</li>
 * </ul>
 */
final class PgmqErrors {

    private static final String UNDEFINED_TABLE = "42P01";

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
        return new PgmqException(operation + " failed: " + message, failure);
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

package dev.tasker.migrator;

import java.sql.SQLException;

/** Turns Flyway and JDBC failures into the one-line reasons the migrator's messages quote. */
final class FlywayErrors {

    private FlywayErrors() {
    }

    /**
     * The most telling reason for {@code failure}: the deepest SQL error in its causes (PostgreSQL's message,
     * hint and context), else its own message; on one line.
     */
    static String reason(Throwable failure) {
        SQLException deepest = null;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                deepest = sql;
            }
        }
        String text = deepest != null ? deepest.getMessage() : failure.getMessage();
        return text == null ? failure.getClass().getSimpleName() : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

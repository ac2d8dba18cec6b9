package dev.tasker.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Verifies that an endpoint answers, turning driver errors into one readable message. */
final class ConnectionCheck {

    private ConnectionCheck() {
    }

    static void requireReachable(String role, DatabaseEndpoint endpoint) {
        try (Connection connection = endpoint.connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseProviderException("Cannot connect to the " + role + " database "
                    + endpoint.displayUrl() + ": " + firstLine(e.getMessage())
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

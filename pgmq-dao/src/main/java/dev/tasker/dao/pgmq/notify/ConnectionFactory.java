package dev.tasker.dao.pgmq.notify;

import dev.tasker.dao.pgmq.support.Arguments;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a fresh JDBC connection to the PGMQ database for the notification listener's exclusive use. It must open
 * a new physical connection on every call: never hand out a pooled connection (a pool would take the connection
 * back, LISTEN and all, or give it to someone else).
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** A new connection, owned (and eventually closed) by the caller. */
    Connection open() throws SQLException;

    /**
     * A factory that connects through {@link DriverManager} with {@code user} and {@code password} (either may be
     * null for the driver's default).
     */
    static ConnectionFactory of(String jdbcUrl, String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return of(jdbcUrl, properties);
    }

    /**
     * A factory that connects through {@link DriverManager} with a copy of {@code properties}; the URL must be a
     * PostgreSQL JDBC URL ({@code jdbc:postgresql:...}).
     *
     * @throws dev.tasker.dao.pgmq.InvalidArgumentException for a null or non-PostgreSQL URL or null properties
     */
    static ConnectionFactory of(String jdbcUrl, Properties properties) {
        Arguments.required("jdbcUrl", jdbcUrl);
        Arguments.required("properties", properties);
        Arguments.check(jdbcUrl.startsWith("jdbc:postgresql:"), "jdbcUrl",
                "must be a PostgreSQL JDBC URL (jdbc:postgresql:...), got "
                        + jdbcUrl.replaceAll("password=[^&]*", "password=****"));
        Properties copy = new Properties();
        copy.putAll(properties);
        return () -> DriverManager.getConnection(jdbcUrl, copy);
    }
}

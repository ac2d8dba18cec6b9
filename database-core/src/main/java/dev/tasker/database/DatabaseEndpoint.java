package dev.tasker.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL database and the credentials to reach it. The password is never printed: {@link #toString()}
 * and {@link #displayUrl()} mask it.
 *
 * @param host       host name or address
 * @param port       TCP port
 * @param database   database name
 * @param user       role name; empty means the driver's default
 * @param password   password; empty means none
 * @param parameters further JDBC connection parameters, in order
 */
public record DatabaseEndpoint(String host, int port, String database, String user, String password,
                               Map<String, String> parameters) {

    public DatabaseEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
        if (port < 1 || port > 65_535) {
            throw new DatabaseProviderException("Port " + port + " is out of range 1-65535");
        }
        if (database.isBlank()) {
            throw new DatabaseProviderException("Database name is empty");
        }
    }

    /** An endpoint without extra parameters. */
    public static DatabaseEndpoint of(String host, int port, String database, String user, String password) {
        return new DatabaseEndpoint(host, port, database, user, password, Map.of());
    }

    /** The JDBC URL without credentials (they travel as connection properties). */
    public String jdbcUrl() {
        String query = parameters.isEmpty() ? "" : parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + encode(database) + query;
    }

    /** A {@code postgresql://} URL for people to read, password masked. */
    public String displayUrl() {
        String credentials = user.isEmpty() ? "" : encode(user) + (password.isEmpty() ? "" : ":****") + "@";
        return "postgresql://" + credentials + hostForUrl() + ":" + port + "/" + database;
    }

    /** The same server and credentials, another database. */
    public DatabaseEndpoint withDatabase(String otherDatabase) {
        return new DatabaseEndpoint(host, port, otherDatabase, user, password, parameters);
    }

    /** Opens a new JDBC connection (the caller closes it). */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** A non-pooling {@link DataSource} for this database; pools are the migrator's business. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        if (!user.isEmpty()) {
            dataSource.setUser(user);
        }
        if (!password.isEmpty()) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    @Override
    public String toString() {
        return displayUrl();
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.tasker.spring.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when a connection of the pool answers a query; details: the database (password masked), its name and the
 * server version. DOWN with the driver's reason otherwise.
 */
public final class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataSource pool;
    private final String displayUrl;

    /**
     * @param pool       the pool to check
     * @param displayUrl the database, password masked, for the details
     */
    public DatabaseHealthIndicator(DataSource pool, String displayUrl) {
        super("the database " + displayUrl + " is unreachable");
        this.pool = pool;
        this.displayUrl = displayUrl;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            row.next();
            builder.up().withDetail("url", displayUrl).withDetail("database", row.getString(1))
                    .withDetail("serverVersion", row.getString(2));
        }
    }
}

package dev.tasker.spring.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The installed pgmq: UP with its version when it is {@value #MINIMUM_VERSION} or newer; DOWN when the extension is
 * missing (run the migrator) or older (upgrade pgmq).
 */
public final class PgmqHealthIndicator extends AbstractHealthIndicator {

    /** The oldest pgmq the project supports. */
    public static final String MINIMUM_VERSION = "1.5.1";

    private final DataSource pgmqPool;

    /** Checks the pgmq installed in the database of {@code pgmqPool}. */
    public PgmqHealthIndicator(DataSource pgmqPool) {
        super("cannot read the pgmq version from the PGMQ database");
        this.pgmqPool = pgmqPool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try (Connection connection = pgmqPool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pgmq'")) {
            if (!row.next()) {
                builder.down().withDetail("reason", "the pgmq extension is not installed in the PGMQ database:"
                        + " run the migrator (or tasker.migration.on-startup=true)");
                return;
            }
            String version = row.getString(1);
            builder.withDetail("version", version).withDetail("minimumVersion", MINIMUM_VERSION);
            if (compare(version, MINIMUM_VERSION) < 0) {
                builder.down().withDetail("reason", "pgmq " + version + " is older than " + MINIMUM_VERSION
                        + ": upgrade the extension");
            } else {
                builder.up();
            }
        }
    }

    /** Compares dotted versions number by number (non-numeric parts count as 0). */
    static int compare(String left, String right) {
        int[] a = parts(left);
        int[] b = parts(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(part -> {
            String digits = part.replaceAll("\\D.*", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }).toArray();
    }
}

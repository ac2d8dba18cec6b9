package dev.tasker.schema.pgmq;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The pgmq migration set: the pgmq extension, the headers-column support and the notify wrapper functions under
 * {@code classpath:db/pgmq}, applied to the PGMQ database (the tasker database in single mode) with their own
 * Flyway history table.
 */
public final class PgmqMigrations {

    /** Where the migration files live on the classpath. */
    public static final String LOCATION = "classpath:db/pgmq";

    /** The Flyway history table of this set (schema {@code public}). */
    public static final String HISTORY_TABLE = "pgmq_schema_history";

    /** The versions of the set, in order (upstream's versions). */
    public static final List<String> VERSIONS = List.of("20250810140001", "20250826180921");

    private PgmqMigrations() {
    }

    /**
     * A Flyway configuration for this set against {@code dataSource}: own history table, no baseline-on-migrate
     * (it would silently skip the first version), no placeholder replacement, clean disabled.
     */
    public static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(PgmqMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(false)
                .placeholderReplacement(false)
                .cleanDisabled(true);
    }

    /** {@link #configure(DataSource)}, loaded. */
    public static Flyway flyway(DataSource dataSource) {
        return configure(dataSource).load();
    }

    /**
     * Applies every pending migration of this set to {@code dataSource}.
     *
     * <p>When the database already holds other objects (the other set, in single mode) and this set has no history
     * table yet, Flyway refuses to start a history there unless told to baseline, and a baseline would mark
     * versions as applied that never ran. Instead the history table is first created empty (a migrate run that
     * records nothing, up to version 0), then the real run applies every version.
     */
    public static MigrateResult migrate(DataSource dataSource) {
        createEmptyHistoryIfMissing(dataSource);
        return flyway(dataSource).migrate();
    }

    private static void createEmptyHistoryIfMissing(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        if (flyway.info().applied().length > 0) {
            return;
        }
        configure(dataSource)
                .target(MigrationVersion.CURRENT)
                .skipExecutingMigrations(true)
                .load()
                .migrate();
    }
}

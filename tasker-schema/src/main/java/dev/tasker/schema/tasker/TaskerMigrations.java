package dev.tasker.schema.tasker;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The tasker migration set: the twelve upstream tasker versions under {@code classpath:db/tasker}, recorded in
 * their own Flyway history table so that the pgmq set can share the database (single mode) without sharing a
 * history.
 */
public final class TaskerMigrations {

    /** Where the migration files live on the classpath. */
    public static final String LOCATION = "classpath:db/tasker";

    /** The Flyway history table of this set (schema {@code public}). */
    public static final String HISTORY_TABLE = "tasker_schema_history";

    /** The versions of the set, in order (upstream's versions). */
    public static final List<String> VERSIONS = List.of(
            "20250810140000", "20250912000000", "20250927000000", "20251001000000",
            "20251006000000", "20251007000000", "20251010000000", "20251115000000",
            "20251118000000", "20251203000000", "20251207000000", "20260102000000");

    private TaskerMigrations() {
    }

    /**
     * A Flyway configuration for this set against {@code dataSource}: own history table, no baseline-on-migrate
     * (it would silently skip the first version), no placeholder replacement (plpgsql bodies are taken
     * literally), clean disabled.
     */
    public static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(TaskerMigrations.class.getClassLoader())
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

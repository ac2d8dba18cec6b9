package dev.tasker.migrator;

import dev.tasker.schema.pgmq.PgmqMigrations;
import dev.tasker.schema.tasker.TaskerMigrations;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/** The two migration sets, each with its own Flyway history table, applied in this order (tasker first). */
public enum MigrationSet {
    /** The tasker tables, views and functions (12 versions), in the tasker database. */
    TASKER(PoolRole.TASKER, TaskerMigrations.HISTORY_TABLE, TaskerMigrations.VERSIONS),
    /** The pgmq extension, the headers support and the notify wrappers (2 versions), in the PGMQ database. */
    PGMQ(PoolRole.PGMQ, PgmqMigrations.HISTORY_TABLE, PgmqMigrations.VERSIONS);

    private final PoolRole database;
    private final String historyTable;
    private final List<String> versions;

    MigrationSet(PoolRole database, String historyTable, List<String> versions) {
        this.database = database;
        this.historyTable = historyTable;
        this.versions = versions;
    }

    /** The database this set lives in. */
    public PoolRole database() {
        return database;
    }

    /** The lower-case name used in output ({@code tasker}, {@code pgmq}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Flyway history table of this set (schema {@code public}). */
    public String historyTable() {
        return historyTable;
    }

    /** The versions of this set, in order. */
    public List<String> versions() {
        return versions;
    }

    /** This set's Flyway configuration against {@code dataSource} (see the schema modules). */
    FluentConfiguration configure(DataSource dataSource) {
        return this == TASKER ? TaskerMigrations.configure(dataSource) : PgmqMigrations.configure(dataSource);
    }

    /** Applies every pending version (creating an empty history first where there is none). */
    MigrateResult migrate(DataSource dataSource) {
        return this == TASKER ? TaskerMigrations.migrate(dataSource) : PgmqMigrations.migrate(dataSource);
    }
}

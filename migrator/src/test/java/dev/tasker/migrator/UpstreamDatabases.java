package dev.tasker.migrator;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns databases the migrator migrated into what upstream's sqlx migrator leaves behind: the objects stay, the
 * migrator's history tables go, and {@code _sqlx_migrations} (upstream's table, same columns) lists versions.
 */
final class UpstreamDatabases {

    /** Upstream's combined (single-mode) set: the 12 tasker versions and 20250826180921. */
    static final List<String> COMBINED = combined();

    private UpstreamDatabases() {
    }

    /** The versions upstream's split mode records in the database holding {@code set}. */
    static List<String> splitVersions(MigrationSet set) {
        return set.versions();
    }

    /** Makes {@code database} look migrated by upstream: our histories dropped, {@code versions} listed. */
    static void simulate(DatabaseEndpoint database, List<String> versions, Set<String> failed) throws SQLException {
        try (Connection connection = database.connect()) {
            for (MigrationSet set : MigrationSet.values()) {
                SqlRows.execute(connection, "DROP TABLE IF EXISTS " + set.historyTable());
            }
            SqlRows.execute(connection, """
                    CREATE TABLE _sqlx_migrations (
                        version BIGINT PRIMARY KEY,
                        description TEXT NOT NULL,
                        installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
                        success BOOLEAN NOT NULL,
                        checksum BYTEA NOT NULL,
                        execution_time BIGINT NOT NULL
                    )""");
            for (String version : versions) {
                SqlRows.execute(connection, "INSERT INTO _sqlx_migrations (version, description, success, checksum,"
                        + " execution_time) VALUES (?, ?, ?, sha384(convert_to(?, 'UTF8')), 42)",
                        Long.parseLong(version), "upstream " + version, !failed.contains(version), version);
            }
        }
    }

    /** Both databases of {@code databases} as upstream leaves them in their mode, every version successful. */
    static void simulateComplete(ProvisionedDatabases databases) throws SQLException {
        if (databases.pgmqIsSeparate()) {
            simulate(databases.tasker(), splitVersions(MigrationSet.TASKER), Set.of());
            simulate(databases.pgmq(), splitVersions(MigrationSet.PGMQ), Set.of());
        } else {
            simulate(databases.tasker(), COMBINED, Set.of());
        }
    }

    private static List<String> combined() {
        List<String> versions = new ArrayList<>(MigrationSet.TASKER.versions());
        versions.add(MigrationSet.PGMQ.versions().getLast());
        return List.copyOf(versions);
    }
}

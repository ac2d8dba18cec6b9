package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.database.ProvisionedDatabases;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Looks into (or arranges) a persistent embedded data directory while the CLI is not running: starts the server
 * on it, hands out the {@code mode}'s databases, and stops it again. Plain SQL, independent of the code under test.
 */
final class EmbeddedData {

    /** Work on the databases of a started server. */
    interface Work<T> {
        T apply(ProvisionedDatabases databases) throws SQLException;
    }

    private EmbeddedData() {
    }

    static <T> T with(Path dataDirectory, DatabaseMode mode, Work<T> work) throws SQLException {
        try (EmbeddedDatabaseProvider provider = EmbeddedDatabaseProvider.persistent(dataDirectory)) {
            return work.apply(provider.provision(mode));
        }
    }
}

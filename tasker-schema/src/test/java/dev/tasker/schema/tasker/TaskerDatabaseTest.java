package dev.tasker.schema.tasker;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.DatabaseTest;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Base of the test suites that work on a migrated tasker database (tasker-schema's and tasker-dao's): one freshly
 * provisioned database per test class. {@link #provisionAndMigrate} applies the tasker set and, in single mode, the
 * pgmq set to the same database, as the migrator does; it opens {@link #db} and {@link #fixtures} on it.
 */
public abstract class TaskerDatabaseTest extends DatabaseTest {

    protected DatabaseMode mode;
    protected ProvisionedDatabases databases;
    protected TaskerFixtures fixtures;

    /** Provisions databases for {@code databaseMode}, migrates the tasker database and connects to it. */
    protected void provisionAndMigrate(DatabaseMode databaseMode) throws SQLException {
        mode = databaseMode;
        databases = TestDatabases.provision(mode);
        TaskerMigrations.migrate(databases.tasker().dataSource());
        if (!databases.pgmqIsSeparate()) {
            PgmqMigrations.migrate(databases.pgmq().dataSource());
        }
        db = tasker().connect();
        fixtures = new TaskerFixtures(db);
    }

    /** The tasker database of this class. */
    protected DatabaseEndpoint tasker() {
        return databases.tasker();
    }

    /** A further connection to the tasker database (caller closes it). */
    protected Connection open() throws SQLException {
        return tasker().connect();
    }
}

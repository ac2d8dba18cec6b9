package dev.tasker.schema.tasker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.DatabaseTest;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tasker-schema tests: one freshly provisioned, fully migrated database per test class, in the mode of
 * this surefire run ({@link SuiteMode}). Split mode migrates the tasker database only (no pgmq in it); single mode
 * applies the tasker set and then the pgmq set to one database, as the migrator does.
 *
 * <p>{@link #db} is an autocommit connection to the tasker database; {@link #fixtures} inserts rows through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskerSchemaTest extends DatabaseTest {

    protected DatabaseMode mode;
    protected ProvisionedDatabases databases;
    protected TaskerFixtures fixtures;

    @BeforeAll
    void migrateDatabase() throws SQLException {
        assumeTrue(SuiteMode.requested(), "tasker.db.mode asks for the other mode");
        mode = SuiteMode.current();
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

    /**
     * Empties every tasker table, for tests of functions that look at the whole database (health counts, next
     * ready tasks, stale-task detection). Only ever run against a test database.
     */
    protected void truncateTaskerTables() throws SQLException {
        fixtures.truncateAll();
    }
}

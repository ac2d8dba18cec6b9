package dev.tasker.schema.tasker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.testing.SuiteMode;
import java.sql.SQLException;
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
abstract class TaskerSchemaTest extends TaskerDatabaseTest {

    @BeforeAll
    void migrateDatabase() throws SQLException {
        assumeTrue(SuiteMode.requested(), "tasker.db.mode asks for the other mode");
        provisionAndMigrate(SuiteMode.current());
    }

    /**
     * Empties every tasker table, for tests of functions that look at the whole database (health counts, next
     * ready tasks, stale-task detection). Only ever run against a test database.
     */
    protected void truncateTaskerTables() throws SQLException {
        fixtures.truncateAll();
    }
}

package dev.tasker.dao.pgmq;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.DatabaseTest;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the pgmq-dao tests: one freshly provisioned PGMQ database per test class (split mode's PGMQ database, or
 * the shared one with {@code -Dtasker.db.mode=single}) with the pgmq migration set applied.
 *
 * <p>{@link #db} is an autocommit JDBC connection for arranging and asserting through pgmq's SQL API directly,
 * independently of the client under test. Tests use only what real pgmq (1.5.1 and later) also offers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PgmqDaoTest extends DatabaseTest {

    protected ProvisionedDatabases databases;
    protected DataSource dataSource;

    @BeforeAll
    void migrateDatabase() throws SQLException {
        databases = TestDatabases.provision(TestDatabases.requestedMode().orElse(DatabaseMode.SPLIT));
        dataSource = pgmq().dataSource();
        PgmqMigrations.migrate(dataSource);
        db = pgmq().connect();
    }

    /** The PGMQ database of this class. */
    protected DatabaseEndpoint pgmq() {
        return databases.pgmq();
    }

    /** A further connection to the PGMQ database (caller closes it). */
    protected Connection open() throws SQLException {
        return pgmq().connect();
    }

    /** A queue name unique within the database: {@code prefix} plus 8 random hex digits. */
    protected static String uniqueQueue(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}

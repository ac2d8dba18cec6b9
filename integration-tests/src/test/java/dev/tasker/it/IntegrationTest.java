package dev.tasker.it;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SuiteMode;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration suites: per test class, fresh databases for the mode of this surefire run
 * ({@link SuiteMode}; skipped when {@code -Dtasker.db.mode} asks for the other one), the {@link DatabasePools} on
 * them (both sets migrated by the Migrator unless {@link #migrateFirst()} says otherwise), the DAOs on the pools,
 * and one plain JDBC connection to each database for asserting independently of the code under test. In single mode
 * {@link #taskerDb} and {@link #pgmqDb} are two connections to the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SuiteModeCondition.class)
abstract class IntegrationTest {

    protected DatabaseMode mode;
    protected ProvisionedDatabases databases;
    protected DatabasePools pools;
    protected TaskerDataAccess tasker;
    protected PgmqClient pgmq;
    protected Connection taskerDb;
    protected Connection pgmqDb;

    @BeforeAll
    void openDatabases() throws Exception {
        mode = SuiteMode.current();
        databases = TestDatabases.provision(mode);
        pools = DatabasePools.open(settings(databases));
        if (migrateFirst()) {
            IntegrationSupport.migrate(pools);
        }
        tasker = TaskerDataAccess.using(pools.tasker());
        pgmq = PgmqClient.using(pools.pgmq());
        taskerDb = databases.tasker().connect();
        pgmqDb = databases.pgmq().connect();
    }

    @AfterAll
    void closeDatabases() throws Exception {
        try (AutoCloseable closePools = pools; Connection closeTasker = taskerDb; Connection closePgmq = pgmqDb) {
            afterAll();
        }
    }

    /** The pool settings for {@code provisioned}; upstream's defaults unless a suite needs others. */
    protected DatabaseSettings settings(ProvisionedDatabases provisioned) throws Exception {
        return IntegrationSupport.settings(provisioned);
    }

    /** Whether both sets are migrated before the tests; suites of the migration itself start from empty. */
    protected boolean migrateFirst() {
        return true;
    }

    /** Releases what a suite opened itself, before the pools and connections close. */
    protected void afterAll() throws Exception {
    }

    /** True in split mode. */
    protected boolean split() {
        return mode == DatabaseMode.SPLIT;
    }
}

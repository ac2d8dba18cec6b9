package dev.tasker.dao.tasker;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.DatabaseTest;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import dev.tasker.schema.tasker.TaskerFixtures;
import dev.tasker.schema.tasker.TaskerMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tasker-dao tests: one freshly provisioned, fully migrated tasker database per test class (split
 * mode's tasker database, without pgmq, unless {@code -Dtasker.db.mode=single}).
 *
 * <ul>
 *   <li>{@link #dao}: the DAOs on a {@code DataSource} (each operation commits on its own);</li>
 *   <li>{@link #db}: an autocommit JDBC connection for arranging rows ({@link #fixtures}) and for asserting what
 *       the DAOs wrote, independently of the DAOs ({@link #rows}, {@link #row}, {@link #value}).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TaskerDaoTest extends DatabaseTest {

    protected DatabaseMode mode;
    protected ProvisionedDatabases databases;
    protected DataSource dataSource;
    protected DSLContext dsl;
    protected TaskerDataAccess dao;
    protected TaskerFixtures fixtures;

    @BeforeAll
    void migrateDatabase() throws SQLException {
        mode = TestDatabases.requestedMode().orElse(DatabaseMode.SPLIT);
        databases = TestDatabases.provision(mode);
        dataSource = tasker().dataSource();
        TaskerMigrations.migrate(dataSource);
        if (!databases.pgmqIsSeparate()) {
            PgmqMigrations.migrate(databases.pgmq().dataSource());
        }
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        dao = TaskerDataAccess.using(dataSource);
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

package dev.tasker.dao.tasker;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.tasker.TaskerDatabaseTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
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
public abstract class TaskerDaoTest extends TaskerDatabaseTest {

    protected DataSource dataSource;
    protected DSLContext dsl;
    protected TaskerDataAccess dao;

    @BeforeAll
    void migrateDatabase() throws SQLException {
        provisionAndMigrate(TestDatabases.requestedMode().orElse(DatabaseMode.SPLIT));
        dataSource = tasker().dataSource();
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        dao = TaskerDataAccess.using(dataSource);
    }
}

package dev.tasker.schema.tasker;

import dev.tasker.database.testing.SqlRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.testing.SuiteMode;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where {@code uuid_generate_v7()} comes from (deviation D5): the pg_uuidv7 extension where the server offers it,
 * else a plain function on the built-in {@code uuidv7()} of PostgreSQL 18+, else the tasker set fails naming both
 * remedies. Each test gets its own fresh database and asserts the branch that applies to the server under test
 * (the embedded PostgreSQL 18 takes the built-in branch; point {@code -Dtasker.db.provider=external} at an older
 * server to see the failure branch).
 */
class UuidV7SourceTest {

    @Test
    void theTaskerSetTakesTheSourceTheServerOffers() throws SQLException {
        DatabaseEndpoint database = freshDatabase();
        boolean extensionOffered = exists(database, "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_uuidv7'");
        int serverVersion = serverVersionNumber(database);

        if (!extensionOffered && serverVersion < 180000) {
            assertThatThrownBy(() -> TaskerMigrations.migrate(database.dataSource()))
                    .hasMessageContaining("uuid_generate_v7() is not available")
                    .hasMessageContaining("Install the pg_uuidv7 extension")
                    .hasMessageContaining("PostgreSQL 18 or later");
            assertThat(exists(database, "SELECT 1 FROM pg_class WHERE relname = 'tasker_tasks'"))
                    .as("nothing of the failed version stays behind").isFalse();
            return;
        }

        TaskerMigrations.migrate(database.dataSource());
        boolean fromExtension = exists(database, "SELECT 1 FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid"
                + " WHERE p.proname = 'uuid_generate_v7' AND d.deptype = 'e'");
        if (extensionOffered) {
            assertThat(fromExtension).as("uuid_generate_v7 belongs to pg_uuidv7").isTrue();
        } else {
            assertThat(fromExtension).isFalse();
            assertThat(rows(database, "SELECT prosrc FROM pg_proc WHERE proname = 'uuid_generate_v7'"))
                    .singleElement().satisfies(row -> assertThat((String) row.get("prosrc")).contains("uuidv7()"));
        }
    }

    @Test
    void anExistingUuidGenerateV7IsLeftAlone() throws SQLException {
        DatabaseEndpoint database = freshDatabase();
        assumeTrue(!exists(database, "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_uuidv7'")
                && serverVersionNumber(database) >= 180000, "needs PostgreSQL 18+ without pg_uuidv7");
        execute(database, "CREATE FUNCTION uuid_generate_v7() RETURNS uuid LANGUAGE sql"
                + " AS 'SELECT uuidv7() /* init script stand-in */'");

        TaskerMigrations.migrate(database.dataSource());

        assertThat(rows(database, "SELECT prosrc FROM pg_proc WHERE proname = 'uuid_generate_v7'"))
                .singleElement().satisfies(row -> assertThat((String) row.get("prosrc")).contains("init script"));
    }

    private static DatabaseEndpoint freshDatabase() {
        assumeTrue(SuiteMode.requested(), "tasker.db.mode asks for the other mode");
        DatabaseEndpoint database = TestDatabases.provision(SuiteMode.current()).tasker();
        try {
            assumeTrue(!exists(database, "SELECT 1 FROM pg_class WHERE relname = 'tasker_tasks'"),
                    "needs a database without the tasker set");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return database;
    }

    private static int serverVersionNumber(DatabaseEndpoint database) throws SQLException {
        return Integer.parseInt((String) rows(database, "SELECT current_setting('server_version_num') AS v")
                .get(0).get("v"));
    }

    private static boolean exists(DatabaseEndpoint database, String sql) throws SQLException {
        return !rows(database, sql).isEmpty();
    }

    private static List<Map<String, Object>> rows(DatabaseEndpoint database, String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            return SqlRows.rows(connection, sql);
        }
    }

    private static void execute(DatabaseEndpoint database, String sql) throws SQLException {
        try (Connection connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

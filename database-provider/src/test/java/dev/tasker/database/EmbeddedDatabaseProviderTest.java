package dev.tasker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseProviderTest {

    private static EmbeddedDatabaseProvider provider;

    @BeforeAll
    static void start() {
        provider = EmbeddedDatabaseProvider.throwaway();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void runsPostgresql18() throws SQLException {
        assertThat(provider.server().serverVersion()).startsWith("18.");
        assertThat(provider.kind()).isEqualTo(ProviderKind.EMBEDDED);
        try (Connection connection = provider.server().endpoint("postgres").connect()) {
            assertThat(text(connection, "SHOW server_version_num")).startsWith("18");
        }
    }

    @Test
    void singleModeHandsOutOneFreshDatabaseForBothSets() throws SQLException {
        ProvisionedDatabases databases = provider.provision(DatabaseMode.SINGLE);

        assertThat(databases.mode()).isEqualTo(DatabaseMode.SINGLE);
        assertThat(databases.pgmqIsSeparate()).isFalse();
        assertThat(databases.pgmq()).isEqualTo(databases.tasker());
        try (Connection connection = databases.tasker().connect()) {
            assertThat(text(connection, "SELECT current_database()")).isEqualTo(databases.tasker().database());
            assertThat(text(connection, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'public'")).isEqualTo("0");
        }
    }

    @Test
    void splitModeHandsOutTwoDatabasesOnTheOneServer() throws SQLException {
        ProvisionedDatabases databases = provider.provision(DatabaseMode.SPLIT);

        assertThat(databases.pgmqIsSeparate()).isTrue();
        assertThat(databases.tasker().database()).isNotEqualTo(databases.pgmq().database());
        assertThat(databases.tasker().port()).isEqualTo(databases.pgmq().port());
        try (Connection tasker = databases.tasker().connect(); Connection pgmq = databases.pgmq().connect()) {
            execute(tasker, "CREATE TABLE only_in_tasker (id int)");
            assertThat(text(pgmq, "SELECT to_regclass('public.only_in_tasker') IS NULL")).isEqualTo("t");
        }
    }

    @Test
    void everyProvisionIsFresh() {
        ProvisionedDatabases first = provider.provision(DatabaseMode.SPLIT);
        ProvisionedDatabases second = provider.provision(DatabaseMode.SPLIT);

        assertThat(second.tasker().database()).isNotEqualTo(first.tasker().database());
        assertThat(second.pgmq().database()).isNotEqualTo(first.pgmq().database());
    }

    @Test
    void offersTheTaskerDataPgmqCompatibleExtension() throws SQLException {
        ProvisionedDatabases databases = provider.provision(DatabaseMode.SINGLE);
        try (Connection connection = databases.pgmq().connect()) {
            assertThat(text(connection, "SELECT default_version FROM pg_available_extensions WHERE name = 'pgmq'"))
                    .isEqualTo(PgmqCompatExtension.VERSION);
            assertThat(text(connection, "SELECT comment FROM pg_available_extensions WHERE name = 'pgmq'"))
                    .contains("tasker-data").contains("not the pgmq project");

            execute(connection, "CREATE EXTENSION pgmq");

            assertThat(text(connection, "SELECT extversion FROM pg_extension WHERE extname = 'pgmq'"))
                    .isEqualTo(PgmqCompatExtension.VERSION);
            assertThat(text(connection, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = 'pgmq' AND p.proname = 'send'")).isEqualTo("6");
        }
    }

    @Test
    void nonSuperuserWithCreateRightsCanInstallTheExtension() throws SQLException {
        ProvisionedDatabases databases = provider.provision(DatabaseMode.SINGLE);
        String role = databases.pgmq().database() + "_owner";
        try (Connection admin = databases.pgmq().connect()) {
            execute(admin, "CREATE ROLE " + role + " LOGIN NOSUPERUSER");
            execute(admin, "GRANT CREATE ON DATABASE " + databases.pgmq().database() + " TO " + role);
        }
        DatabaseEndpoint asRole = DatabaseEndpoint.of("localhost", databases.pgmq().port(), databases.pgmq().database(),
                role, "");
        try (Connection connection = asRole.connect()) {
            assertThat(text(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            execute(connection, "CREATE EXTENSION pgmq");
            execute(connection, "SELECT pgmq.create('owned_by_role')");
            assertThat(text(connection, "SELECT count(*) FROM pgmq.list_queues()")).isEqualTo("1");
        }
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from " + sql).isTrue();
            return rows.getString(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void createDatabaseIsIdempotent() {
        DatabaseEndpoint first = provider.server().createDatabase("created_twice");
        DatabaseEndpoint second = provider.server().createDatabase("created_twice");
        assertThat(second).isEqualTo(first);
        assertThatThrownBy(() -> provider.server().createDatabase(""))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("Cannot create database ''");
    }
}

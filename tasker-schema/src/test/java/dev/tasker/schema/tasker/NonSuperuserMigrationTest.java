package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.SuiteMode;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.schema.pgmq.PgmqMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migrations work for a migrating role that is not a superuser but owns the database (so it may create objects
 * in schema public). As on a managed server, a superuser installs the pgmq extension beforehand in single mode and
 * grants the role what a queue client needs; the pgmq set then skips the headers event trigger with a NOTICE.
 * Without those grants the pgmq set fails with what to grant, and nothing of its failing version stays behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonSuperuserMigrationTest {

    private DatabaseEndpoint admin;
    private DatabaseEndpoint asOwner;
    private String role;
    private boolean single;

    @BeforeAll
    void createRoleAndDatabase() throws SQLException {
        assumeTrue(SuiteMode.requested(), "tasker.db.mode asks for the other mode");
        single = SuiteMode.current() == DatabaseMode.SINGLE;
        admin = TestDatabases.provision(SuiteMode.current()).tasker();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        role = "tasker_owner_" + suffix;
        String database = "tasker_nonsuper_" + suffix;
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            var current = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
            boolean superuser = current.next() && current.getBoolean(1);
            assumeTrue(superuser, "creating a role and a database needs a superuser connection");
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            statement.execute("CREATE DATABASE " + database + " OWNER " + role);
        }
        if (single) {
            try (Connection connection = admin.withDatabase(database).connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION pgmq");
            }
        }
        admin = admin.withDatabase(database);
        asOwner = new DatabaseEndpoint(admin.host(), admin.port(), database, role, admin.password(),
                admin.parameters());
    }

    @Test
    void theTaskerSetAppliesAsTheDatabaseOwner() throws SQLException {
        MigrateResult result = TaskerMigrations.migrate(asOwner.dataSource());

        assertThat(result.success).isTrue();
        assertThat(TaskerMigrations.flyway(asOwner.dataSource()).info().pending()).isEmpty();
        try (Connection connection = asOwner.connect(); Statement statement = connection.createStatement()) {
            var generated = statement.executeQuery(
                    "INSERT INTO tasker_task_namespaces (name, created_at, updated_at)"
                            + " VALUES ('owner_ns', now(), now())"
                            + " RETURNING task_namespace_uuid");
            generated.next();
            assertThat(generated.getObject(1, UUID.class).version()).isEqualTo(7);
        }
    }

    @Test
    void inSingleModeThePgmqSetAppliesTooWithoutTheEventTrigger() throws SQLException {
        assumeTrue(single, "single mode only");
        TaskerMigrations.migrate(asOwner.dataSource());
        withoutPgmqGrantsThePgmqSetFailsNamingWhatToGrant();
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("GRANT USAGE, CREATE ON SCHEMA pgmq TO " + role);
            statement.execute("GRANT ALL ON ALL TABLES IN SCHEMA pgmq TO " + role);
            statement.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA pgmq TO " + role);
        }

        MigrateResult result = PgmqMigrations.migrate(asOwner.dataSource());

        assertThat(result.success).isTrue();
        try (Connection connection = asOwner.connect(); Statement statement = connection.createStatement()) {
            var triggers = statement.executeQuery("SELECT count(*) FROM pg_event_trigger"
                    + " WHERE evtname IN ('pgmq_headers_event_trigger', 'pgmq_headers_compatibility_trigger')");
            triggers.next();
            assertThat(triggers.getInt(1)).isZero();
            var queueCreated = statement.executeQuery("SELECT count(*) FROM pg_trigger"
                    + " WHERE tgname = 'pgmq_queue_created_trigger' AND tgrelid = 'pgmq.meta'::regclass");
            queueCreated.next();
            assertThat(queueCreated.getInt(1)).isEqualTo(1);
        }
    }

    private void withoutPgmqGrantsThePgmqSetFailsNamingWhatToGrant() throws SQLException {
        assertThatThrownBy(() -> PgmqMigrations.migrate(asOwner.dataSource()))
                .hasMessageContaining("may not create trigger pgmq_queue_created_trigger on pgmq.meta")
                .hasMessageContaining("grant that role");
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            var functions = statement.executeQuery(
                    "SELECT count(*) FROM pg_proc WHERE proname = 'pgmq_send_with_notify'");
            functions.next();
            assertThat(functions.getInt(1)).as("the failed version left nothing behind").isZero();
        }
    }
}

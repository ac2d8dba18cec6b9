package dev.tasker.schema.pgmq;

import dev.tasker.database.testing.SqlRows;
import static dev.tasker.schema.pgmq.NotificationListener.forQueue;
import static dev.tasker.schema.pgmq.NotificationListener.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;

/**
 * The set applied by a role that is not a superuser (decision: the headers event trigger is skipped with a NOTICE,
 * the migration still succeeds). Set-up as on a real server: a login role that owns a fresh database; a superuser
 * (the DBA) has created the pgmq extension in it and granted the role the use of schema pgmq, which every pgmq
 * user needs to create queues (tables in schema pgmq, rows in pgmq.meta). Needs a superuser connection to create
 * the role; skipped otherwise.
 */
class NonSuperuserMigrationTest extends PgmqSchemaTest {

    private static final String FIRST_MIGRATION = "/db/pgmq/V20250810140001__pgmq_extensions.sql";

    private String role;
    private String database;
    private DatabaseEndpoint roleEndpoint;
    private MigrateResult result;
    private Connection roleDb;

    @BeforeAll
    void migrateAsANonSuperuser() throws SQLException {
        assumeTrue(superuser(), "creating a role and pre-creating pgmq needs a superuser connection");
        role = unique("tasker_nsu_");
        database = role + "_db";
        String password = UUID.randomUUID().toString();
        execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
        execute("CREATE DATABASE " + database + " OWNER " + role);
        try (Connection dba = endpoint.withDatabase(database).connect()) {
            execute(dba, "CREATE EXTENSION pgmq");
            execute(dba, "GRANT USAGE, CREATE ON SCHEMA pgmq TO " + role);
            execute(dba, "GRANT ALL ON ALL TABLES IN SCHEMA pgmq TO " + role);
            execute(dba, "GRANT ALL ON ALL SEQUENCES IN SCHEMA pgmq TO " + role);
        }
        roleEndpoint = DatabaseEndpoint.of(endpoint.host(), endpoint.port(), database, role, password);

        result = PgmqMigrations.migrate(roleEndpoint.dataSource());
        roleDb = roleEndpoint.connect();
    }

    @AfterAll
    void dropRoleAndDatabase() throws SQLException {
        if (roleDb != null) {
            roleDb.close();
        }
        if (role != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    @DisplayName("the role really is no superuser and owns the database")
    void theRoleIsNotASuperuser() throws SQLException {
        Map<String, Object> who = SqlRows.single(rows(roleDb, "SELECT current_user::text AS name, r.rolsuper, "
                + "pg_get_userbyid(d.datdba)::text AS owner FROM pg_roles r, pg_database d "
                + "WHERE r.rolname = current_user AND d.datname = current_database()"), "who");

        assertThat(who).containsEntry("name", role).containsEntry("rolsuper", false).containsEntry("owner", role);
    }

    @Test
    @DisplayName("the migration succeeds and records both versions")
    void theMigrationSucceeds() throws SQLException {
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(rows(roleDb, "SELECT version FROM pgmq_schema_history WHERE version IS NOT NULL AND success "
                + "ORDER BY installed_rank")).extracting(r -> r.get("version"))
                .containsExactly("20250810140001", "20250826180921");
    }

    @Test
    @DisplayName("no event trigger is created; the other objects are all there")
    void noEventTriggerIsCreated() throws SQLException {
        assertThat(rows(roleDb, "SELECT evtname FROM pg_event_trigger WHERE evtname LIKE 'pgmq%'")).isEmpty();
        assertThat(SqlRows.single(rows(roleDb, "SELECT count(*) AS n FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
                + "AND (proname LIKE 'pgmq\\_%' OR proname = 'extract_queue_namespace')"), "functions"))
                .containsEntry("n", 9L);
        assertThat(rows(roleDb, "SELECT 1 FROM pg_trigger WHERE tgrelid = 'pgmq.meta'::regclass "
                + "AND tgname = 'pgmq_queue_created_trigger'")).hasSize(1);
    }

    @Test
    @DisplayName("the skip is announced with a NOTICE naming the role and the trigger")
    void theSkipIsAnnouncedWithANotice() throws Exception {
        // Flyway only logs notices, so the first migration's text is run again as the role (it is idempotent:
        // IF NOT EXISTS, CREATE OR REPLACE) and the notices are read from the statement's SQLWarnings.
        List<String> notices = new ArrayList<>();
        try (Statement statement = roleDb.createStatement()) {
            statement.execute(resource(FIRST_MIGRATION));
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                notices.add(warning.getMessage());
            }
        }

        assertThat(notices).contains("role " + role
                + " is not a superuser: headers event trigger pgmq_headers_event_trigger skipped");
        assertThat(rows(roleDb, "SELECT evtname FROM pg_event_trigger WHERE evtname LIKE 'pgmq%'")).isEmpty();
    }

    @Test
    @DisplayName("the functions work for the role: queue_created, send_with_notify, read/extend/delete specific")
    void theFunctionsWorkForTheRole() throws Exception {
        String namespace = unique("ns");
        String queue = "worker_" + namespace + "_queue";
        try (NotificationListener listener = NotificationListener.listen(roleEndpoint, "pgmq_queue_created",
                "pgmq_message_ready." + namespace)) {
            rows(roleDb, "SELECT pgmq.create(?::text)", queue);
            long msgId = ((Number) SqlRows.single(rows(roleDb, "SELECT pgmq_send_with_notify(?::text, '{}'::jsonb) AS id",
                    queue), "send").get("id")).longValue();

            List<PGNotification> received = listener.await(2, forQueue(queue));

            assertThat(received).extracting(PGNotification::getName)
                    .containsExactly("pgmq_queue_created", "pgmq_message_ready." + namespace);
            assertThat(payload(received.get(1)).get("msg_id").asLong()).isEqualTo(msgId);
            assertThat(rows(roleDb, "SELECT * FROM pgmq_read_specific_message(?::text, ?::bigint, 30)", queue, msgId))
                    .hasSize(1);
            assertThat(SqlRows.single(rows(roleDb, "SELECT pgmq_extend_vt_specific_message(?::text, ?::bigint, 10) AS ok",
                    queue, msgId), "extend")).containsEntry("ok", true);
            assertThat(SqlRows.single(rows(roleDb, "SELECT pgmq_delete_specific_message(?::text, ?::bigint) AS ok",
                    queue, msgId), "delete")).containsEntry("ok", true);
        }
    }

    @Test
    @DisplayName("pgmq_ensure_headers_column works for the role on a queue table it created without headers")
    void ensureHeadersColumnWorksForTheRole() throws SQLException {
        String queue = unique("handmade_");
        execute(roleDb, "CREATE TABLE pgmq.q_" + queue + " (msg_id BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,"
                + " read_ct INT DEFAULT 0 NOT NULL, enqueued_at TIMESTAMPTZ DEFAULT now() NOT NULL,"
                + " vt TIMESTAMPTZ NOT NULL, message JSONB)");

        rows(roleDb, "SELECT pgmq_ensure_headers_column(?::text)", queue);

        assertThat(rows(roleDb, "SELECT 1 FROM information_schema.columns WHERE table_schema = 'pgmq' "
                + "AND table_name = ? AND column_name = 'headers'", "q_" + queue)).hasSize(1);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(NonSuperuserMigrationTest.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

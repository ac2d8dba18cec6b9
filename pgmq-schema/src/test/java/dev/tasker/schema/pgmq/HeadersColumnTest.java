package dev.tasker.schema.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The headers-column support (pgmq-api.md A.2.2-A.2.5): queue tables created without {@code headers}, as the
 * pgmq-rs client creates them with its own DDL, get the column; archive tables never do.
 */
class HeadersColumnTest extends PgmqSchemaTest {

    private final List<String> tablesToDrop = new ArrayList<>();

    @AfterEach
    void dropHandMadeTables() throws SQLException {
        for (String table : tablesToDrop) {
            execute("DROP TABLE IF EXISTS " + table);
        }
        tablesToDrop.clear();
    }

    // ------------------------------------------------------------------------------------------------------------
    // event trigger

    @Test
    @DisplayName("event trigger: a queue table created by hand without headers (as pgmq-rs does) gets the column")
    void eventTriggerAddsHeadersToAHandMadeQueueTable() throws SQLException {
        assumeEventTrigger();
        String queue = unique("handmade_");

        createClientStyleTable(db, "pgmq.q_" + queue);

        assertThat(headersType("q_" + queue)).isEqualTo("jsonb");
        long msgId = send(queue, "{\"ok\": true}");
        assertThat(value("SELECT count(*) FROM pgmq.q_" + queue + " WHERE msg_id = ?", msgId)).isEqualTo(1L);
    }

    @Test
    @DisplayName("event trigger: an archive table (a_) created by hand keeps its columns")
    void eventTriggerLeavesArchiveTablesAlone() throws SQLException {
        assumeEventTrigger();
        String queue = unique("handmade_");

        createClientStyleTable(db, "pgmq.a_" + queue);

        assertThat(headersType("a_" + queue)).isNull();
    }

    @Test
    @DisplayName("event trigger: q_ tables outside schema pgmq are not touched")
    void eventTriggerIgnoresOtherSchemas() throws SQLException {
        assumeEventTrigger();
        String table = unique("q_elsewhere_");

        createClientStyleTable(db, "public." + table);

        assertThat(value("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = ? AND column_name = 'headers'", table)).isEqualTo(0L);
    }

    @Test
    @DisplayName("event trigger: is named pgmq_headers_event_trigger, fires on CREATE TABLE, upstream's name is absent")
    void eventTriggerIsInstalledUnderTheSeedName() throws SQLException {
        assumeEventTrigger();

        Map<String, Object> trigger = row("SELECT evtevent, evttags::text AS tags, evtfoid::regproc::text AS function "
                + "FROM pg_event_trigger WHERE evtname = 'pgmq_headers_event_trigger'");

        assertThat(trigger).containsEntry("evtevent", "ddl_command_end").containsEntry("tags", "{\"CREATE TABLE\"}")
                .containsEntry("function", "pgmq_auto_add_headers_trigger");
        assertThat(value("SELECT count(*) FROM pg_event_trigger WHERE evtname = 'pgmq_headers_compatibility_trigger'"))
                .isEqualTo(0L);
    }

    // ------------------------------------------------------------------------------------------------------------
    // pgmq_ensure_headers_column

    @Test
    @DisplayName("pgmq_ensure_headers_column adds a jsonb headers column to a queue table that lacks it")
    void ensureAddsTheMissingColumn() throws SQLException {
        String queue = unique("handmade_");
        createClientStyleTable(db, "pgmq.q_" + queue);
        execute("ALTER TABLE pgmq.q_" + queue + " DROP COLUMN IF EXISTS headers"); // the event trigger may have added it

        ensureHeaders(queue);

        assertThat(headersType("q_" + queue)).isEqualTo("jsonb");
    }

    @Test
    @DisplayName("pgmq_ensure_headers_column is a no-op on a queue that already has headers")
    void ensureIsANoOpWhenTheColumnIsPresent() throws SQLException {
        String queue = createQueue(unique("created_"));
        List<Map<String, Object>> before = columns("q_" + queue);

        ensureHeaders(queue);
        ensureHeaders(queue);

        assertThat(columns("q_" + queue)).isEqualTo(before);
        assertThat(before).filteredOn(column -> "headers".equals(column.get("column_name"))).hasSize(1);
    }

    @Test
    @DisplayName("pgmq_ensure_headers_column never touches the archive table (a_)")
    void ensureNeverTouchesTheArchiveTable() throws SQLException {
        String queue = unique("handmade_");
        createClientStyleTable(db, "pgmq.q_" + queue);
        createClientStyleTable(db, "pgmq.a_" + queue);
        execute("ALTER TABLE pgmq.q_" + queue + " DROP COLUMN IF EXISTS headers");
        execute("ALTER TABLE pgmq.a_" + queue + " DROP COLUMN IF EXISTS headers");

        ensureHeaders(queue);

        assertThat(headersType("q_" + queue)).isEqualTo("jsonb");
        assertThat(headersType("a_" + queue)).isNull();
    }

    @Test
    @DisplayName("pgmq_ensure_headers_column quotes the table name (a mixed-case table)")
    void ensureQuotesTheTableName() throws SQLException {
        String queue = unique("Mixed_");
        createClientStyleTable(db, "pgmq.\"q_" + queue + "\"");
        execute("ALTER TABLE pgmq.\"q_" + queue + "\" DROP COLUMN IF EXISTS headers");

        ensureHeaders(queue);

        assertThat(headersType("q_" + queue)).isEqualTo("jsonb");
    }

    // ------------------------------------------------------------------------------------------------------------
    // backfill

    @Test
    @DisplayName("backfill: queue tables that exist before the migration get headers; archive tables do not")
    void theMigrationBackfillsExistingQueueTables() throws SQLException {
        DatabaseEndpoint fresh = TestDatabases.provision(DatabaseMode.SPLIT).pgmq();
        String queue = unique("before_");
        try (Connection connection = fresh.connect()) {
            assumeTrue(rows(connection, "SELECT 1 FROM pg_tables WHERE tablename = 'pgmq_schema_history'").isEmpty(),
                    "needs a database the set has not been applied to (an external provider hands out the same one)");
            execute(connection, "CREATE EXTENSION IF NOT EXISTS pgmq");
            createClientStyleTable(connection, "pgmq.q_" + queue);
            createClientStyleTable(connection, "pgmq.a_" + queue);

            PgmqMigrations.migrate(fresh.dataSource());

            assertThat(headersType(connection, "q_" + queue)).isEqualTo("jsonb");
            assertThat(headersType(connection, "a_" + queue)).isNull();
        }
    }

    @Test
    @DisplayName("a database that carries upstream's pgmq_headers_compatibility_trigger ends up with only ours")
    void theMigrationReplacesUpstreamsEventTrigger() throws SQLException {
        assumeEventTrigger();
        DatabaseEndpoint fresh = TestDatabases.provision(DatabaseMode.SPLIT).pgmq();
        try (Connection connection = fresh.connect()) {
            assumeTrue(rows(connection, "SELECT 1 FROM pg_tables WHERE tablename = 'pgmq_schema_history'").isEmpty(),
                    "needs a database the set has not been applied to (an external provider hands out the same one)");
            execute(connection, "CREATE EXTENSION IF NOT EXISTS pgmq");
            // What upstream's migration left behind: its function (replaced by ours) under its trigger name.
            execute(connection, "CREATE FUNCTION pgmq_auto_add_headers_trigger() RETURNS event_trigger "
                    + "LANGUAGE plpgsql AS 'BEGIN END'");
            execute(connection, "CREATE EVENT TRIGGER pgmq_headers_compatibility_trigger ON ddl_command_end "
                    + "WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pgmq_auto_add_headers_trigger()");

            PgmqMigrations.migrate(fresh.dataSource());

            assertThat(rows(connection, "SELECT evtname::text AS name FROM pg_event_trigger "
                    + "WHERE evtfoid = 'public.pgmq_auto_add_headers_trigger()'::regprocedure"))
                    .extracting(r -> r.get("name")).containsExactly("pgmq_headers_event_trigger");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assumeEventTrigger() throws SQLException {
        assumeTrue(superuser(), "the headers event trigger exists only where a superuser ran the migration");
    }

    /** The DDL a client like pgmq-rs issues for a queue or archive table: no headers, no last_read_at. */
    private void createClientStyleTable(Connection connection, String qualifiedName) throws SQLException {
        if (connection == db) {
            tablesToDrop.add(qualifiedName);
        }
        execute(connection, "CREATE TABLE " + qualifiedName + " ("
                + " msg_id BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,"
                + " read_ct INT DEFAULT 0 NOT NULL,"
                + " enqueued_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,"
                + " vt TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " message JSONB)");
    }

    private void ensureHeaders(String queue) throws SQLException {
        rows("SELECT pgmq_ensure_headers_column(?::text)", queue);
    }

    private String headersType(String table) throws SQLException {
        return headersType(db, table);
    }

    /** The data type of pgmq.<table>.headers, or null when the column is missing. */
    private static String headersType(Connection connection, String table) throws SQLException {
        List<Map<String, Object>> rows = rows(connection, "SELECT data_type FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ? AND column_name = 'headers'", table);
        return rows.isEmpty() ? null : (String) rows.getFirst().get("data_type");
    }

    private List<Map<String, Object>> columns(String table) throws SQLException {
        return rows("SELECT column_name, ordinal_position, data_type FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ? ORDER BY ordinal_position", table);
    }
}

package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** B.1 and B.2: schema, global tables, privileges, extension membership. */
class SchemaContractTest extends PgmqContract {

    @Test
    void metaTableHasTheSpecifiedColumnsAndUniqueConstraint() throws SQLException {
        Map<String, String> columns = columns("meta");
        assertThat(columns).containsEntry("queue_name", "character varying")
                .containsEntry("is_partitioned", "boolean").containsEntry("is_unlogged", "boolean")
                .containsEntry("created_at", "timestamp with time zone");
        assertThat(notNullColumns("meta")).contains("queue_name", "is_partitioned", "is_unlogged", "created_at");
        assertThat(scalar(db, "SELECT column_default::text FROM information_schema.columns WHERE table_schema = 'pgmq' "
                + "AND table_name = 'meta' AND column_name = 'created_at'", String.class)).isEqualTo("now()");
        assertThat(constraints("meta")).containsEntry("meta_queue_name_key", "u");
    }

    @Test
    void throttleTableIsUnloggedWithTheNamedConstraintsAndPartialIndex() throws SQLException {
        assumeAtLeast(1, 8, 0, "pgmq.notify_insert_throttle");

        Map<String, String> columns = columns("notify_insert_throttle");
        assertThat(columns).containsEntry("queue_name", "character varying")
                .containsEntry("throttle_interval_ms", "integer")
                .containsEntry("last_notified_at", "timestamp with time zone");
        assertThat(notNullColumns("notify_insert_throttle"))
                .contains("queue_name", "throttle_interval_ms", "last_notified_at");
        assertThat(scalar(db, "SELECT relpersistence::text FROM pg_class WHERE oid = 'pgmq.notify_insert_throttle'"
                + "::regclass", String.class)).isEqualTo("u");
        assertThat(constraints("notify_insert_throttle"))
                .containsEntry("notify_insert_throttle_queue_name_key", "u")
                .containsEntry("notify_insert_throttle_meta_queue_name_fk", "f");
        assertThat(scalar(db, "SELECT confdeltype::text FROM pg_constraint WHERE conname = "
                + "'notify_insert_throttle_meta_queue_name_fk' AND conrelid = 'pgmq.notify_insert_throttle'::regclass",
                String.class)).as("ON DELETE CASCADE").isEqualTo("c");
        String index = scalar(db, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'pgmq' "
                + "AND indexname = 'idx_notify_throttle_active'", String.class);
        assertThat(index).contains("(queue_name, last_notified_at)").contains("WHERE (throttle_interval_ms > 0)");
        // defaults: 0 ms and the epoch
        String queue = createQueue();
        update(db, "INSERT INTO pgmq.notify_insert_throttle (queue_name) VALUES (?::text)", queue);
        Row row = query(db, "SELECT * FROM pgmq.notify_insert_throttle WHERE queue_name = ?::text", queue).getFirst();
        assertThat(row.getInt("throttle_interval_ms")).isZero();
        assertThat(row.instant("last_notified_at")).isEqualTo(java.time.Instant.EPOCH);
    }

    @Test
    void pgMonitorCanReadTheSchema() throws SQLException {
        assumeAtLeast(1, 11, 0, "the pg_monitor grants of B.1");

        assertThat(scalar(db, "SELECT has_schema_privilege('pg_monitor', 'pgmq', 'USAGE')", Boolean.class)).isTrue();
        assertThat(scalar(db, "SELECT has_table_privilege('pg_monitor', 'pgmq.meta', 'SELECT')", Boolean.class))
                .isTrue();
    }

    @Test
    void pgMonitorCanReadNewQueueTablesAndSequences() throws SQLException {
        assumeAtLeast(1, 11, 0, "the pg_monitor default privileges of B.1");
        // ALTER DEFAULT PRIVILEGES applies to objects created by the role that ran it (the installer)
        Assumptions.assumeTrue(scalar(db, "SELECT EXISTS (SELECT 1 FROM pg_default_acl d "
                + "JOIN pg_namespace n ON n.oid = d.defaclnamespace "
                + "WHERE n.nspname = 'pgmq' AND d.defaclrole = current_user::regrole)", Boolean.class),
                "pgmq's default privileges belong to another role than the one running the tests");
        String queue = createQueue();

        assertThat(scalar(db, "SELECT has_table_privilege('pg_monitor', ?::text, 'SELECT')", Boolean.class,
                "pgmq.q_" + queue)).isTrue();
        assertThat(scalar(db, "SELECT has_table_privilege('pg_monitor', ?::text, 'SELECT')", Boolean.class,
                "pgmq.a_" + queue)).isTrue();
        assertThat(scalar(db, "SELECT has_sequence_privilege('pg_monitor', ?::text, 'SELECT')", Boolean.class,
                "pgmq.q_" + queue + "_msg_id_seq")).isTrue();
    }

    @Test
    void queueTablesAreNotExtensionMembersButMetaIsAndIsDumped() throws SQLException {
        assumeAtLeast(1, 6, 0, "queue tables outside the extension and pg_extension_config_dump of meta");
        Assumptions.assumeTrue(scalar(db, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgmq')",
                Boolean.class), "pgmq is an SQL-only install here, not an extension");
        String queue = createQueue();

        List<String> members = query(db, "SELECT c.relname::text AS name FROM pg_depend d "
                + "JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass "
                + "WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' "
                + "AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pgmq')").stream()
                .map(r -> r.text("name")).toList();
        assertThat(members).contains("meta").doesNotContain("q_" + queue, "a_" + queue, "q_" + queue + "_msg_id_seq");
        if (atLeast(1, 8, 0)) {
            assertThat(members).contains("notify_insert_throttle");
        }
        assertThat(scalar(db, "SELECT 'pgmq.meta'::regclass = ANY (extconfig) FROM pg_extension "
                + "WHERE extname = 'pgmq'", Boolean.class)).isTrue();
    }

    @Test
    void functionsAndTypesLiveInSchemaPgmq() throws SQLException {
        for (String signature : List.of("pgmq.create(text)", "pgmq.create_unlogged(text)",
                "pgmq.create_non_partitioned(text)", "pgmq.drop_queue(text)", "pgmq.drop_queue(text,boolean)",
                "pgmq.purge_queue(text)", "pgmq.list_queues()", "pgmq.metrics(text)", "pgmq.metrics_all()",
                "pgmq.format_table_name(text,text)", "pgmq.validate_queue_name(text)",
                "pgmq.read(text,integer,integer,jsonb)",
                "pgmq.read_with_poll(text,integer,integer,integer,integer,jsonb)",
                "pgmq.delete(text,bigint)", "pgmq.delete(text,bigint[])", "pgmq.archive(text,bigint)",
                "pgmq.archive(text,bigint[])", "pgmq.set_vt(text,bigint,integer)")) {
            assertThat(scalar(db, "SELECT to_regprocedure(?::text) IS NOT NULL", Boolean.class, signature))
                    .as(signature).isTrue();
        }
        for (String type : List.of("pgmq.message_record", "pgmq.queue_record", "pgmq.metrics_result")) {
            assertThat(scalar(db, "SELECT to_regtype(?::text) IS NOT NULL", Boolean.class, type)).as(type).isTrue();
        }
    }

    private Map<String, String> columns(String table) throws SQLException {
        return query(db, "SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ?::text", table).stream()
                .collect(Collectors.toMap(r -> r.text("name"), r -> r.text("type")));
    }

    private List<String> notNullColumns(String table) throws SQLException {
        return query(db, "SELECT column_name::text AS name FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = ?::text AND is_nullable = 'NO'", table).stream()
                .map(r -> r.text("name")).toList();
    }

    private Map<String, String> constraints(String table) throws SQLException {
        return query(db, "SELECT conname::text AS name, contype::text AS type FROM pg_constraint "
                + "WHERE conrelid = ?::regclass", "pgmq." + table).stream()
                .collect(Collectors.toMap(r -> r.text("name"), r -> r.text("type")));
    }
}

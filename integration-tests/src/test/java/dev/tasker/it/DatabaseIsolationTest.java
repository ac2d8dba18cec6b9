package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.strings;
import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.migrator.DatabaseOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Where the two sets live after migrating. Split mode: the tasker database holds no pgmq at all (no schema
 * {@code pgmq}, no extension, none of the PGMQ set's functions or event triggers) and the PGMQ database no tasker
 * object. Single mode: both sets in the one database, reached through one pool object. Read from the catalogs with
 * plain SQL.
 */
class DatabaseIsolationTest extends IntegrationTest {

    /** The functions the PGMQ set creates in schema {@code public} (pgmq-api.md, Part A). */
    private static final List<String> PGMQ_SET_FUNCTIONS = List.of("extract_queue_namespace",
            "pgmq_auto_add_headers_trigger", "pgmq_delete_specific_message", "pgmq_ensure_headers_column",
            "pgmq_extend_vt_specific_message", "pgmq_notify_queue_created", "pgmq_read_specific_message",
            "pgmq_send_batch_with_notify", "pgmq_send_with_notify");

    /** Tasker-set functions the DAOs call (a sample across the set's migrations). */
    private static final List<String> TASKER_SET_FUNCTIONS = List.of("create_dlq_entry",
            "get_step_readiness_status", "get_task_execution_context", "pgmq_available", "pgmq_queue_length",
            "transition_task_state_atomic");

    /** Functions outside the system schemas named like pgmq's, or living in schema pgmq. */
    private static final String PGMQ_NAMED_FUNCTIONS = "SELECT DISTINCT p.proname FROM pg_proc p"
            + " JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND (n.nspname = 'pgmq' OR p.proname LIKE 'pgmq%' OR p.proname = ANY (?)) ORDER BY 1";

    @Test
    void thePoolsFollowTheMode() throws SQLException {
        assertThat(pools.pgmqIsSeparate()).isEqualTo(split());
        if (split()) {
            assertThat(pools.pgmq()).isNotSameAs(pools.tasker());
            assertThat(databaseOf(pools.pgmq())).isNotEqualTo(databaseOf(pools.tasker()))
                    .isEqualTo(databases.pgmq().database());
        } else {
            assertThat(pools.pgmq()).as("single mode shares the pool object").isSameAs(pools.tasker());
        }
        assertThat(databaseOf(pools.tasker())).isEqualTo(databases.tasker().database());
    }

    /** The routing table of split-and-runtime.md §3: queue work on the PGMQ database, the rest on the tasker one. */
    @Test
    void everyOperationIsRoutedToTheDatabaseThatOwnsIt() throws SQLException {
        Set<DatabaseOperation> queueWork = EnumSet.of(DatabaseOperation.QUEUE_SEND, DatabaseOperation.QUEUE_READ,
                DatabaseOperation.QUEUE_DELETE, DatabaseOperation.QUEUE_CREATE);
        for (DatabaseOperation operation : DatabaseOperation.values()) {
            assertThat(databaseOf(pools.forOperation(operation))).as("%s runs on", operation)
                    .isEqualTo(queueWork.contains(operation) ? databases.pgmq().database()
                            : databases.tasker().database());
        }
    }

    @Test
    void theTaskerDatabaseHasPgmqOnlyInSingleMode() throws SQLException {
        assertThat(strings(pgmqDb, PGMQ_NAMED_FUNCTIONS, array(PGMQ_SET_FUNCTIONS)))
                .as("the PGMQ database has the PGMQ set's functions").containsAll(PGMQ_SET_FUNCTIONS);
        List<String> inTasker = strings(taskerDb, PGMQ_NAMED_FUNCTIONS, array(PGMQ_SET_FUNCTIONS));
        if (split()) {
            assertThat(inTasker).as("only the tasker set's own guards, which never reach pgmq statically")
                    .containsExactly("pgmq_available", "pgmq_queue_length");
        } else {
            assertThat(inTasker).containsAll(PGMQ_SET_FUNCTIONS);
        }
        long expected = split() ? 0 : 1;
        assertThat(value(taskerDb, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgmq'")).isEqualTo(expected);
        assertThat(value(taskerDb, "SELECT count(*) FROM pg_extension WHERE extname = 'pgmq'")).isEqualTo(expected);
        assertThat(value(taskerDb, "SELECT pgmq_available()")).isEqualTo(!split());
        if (split()) {
            assertThat(value(taskerDb, "SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'pgmq%'"))
                    .as("no pgmq event trigger").isEqualTo(0L);
        }
    }

    @Test
    void thePgmqDatabaseHasTaskerObjectsOnlyInSingleMode() throws SQLException {
        String taskerRelations = "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relname LIKE 'tasker\\_%' AND c.relkind IN ('r', 'v', 'p')"
                + " ORDER BY 1";
        String taskerFunctions = "SELECT DISTINCT proname FROM pg_proc WHERE proname = ANY (?) ORDER BY 1";
        List<String> tables = strings(taskerDb, taskerRelations);
        assertThat(tables).as("the tasker database has the tasker tables and views")
                .contains("tasker_tasks", "tasker_workflow_steps", "tasker_tasks_dlq", "tasker_schema_history");
        assertThat(strings(taskerDb, taskerFunctions, array(TASKER_SET_FUNCTIONS)))
                .containsExactlyElementsOf(TASKER_SET_FUNCTIONS);
        if (split()) {
            assertThat(strings(pgmqDb, taskerRelations)).as("no tasker_% relation").isEmpty();
            assertThat(strings(pgmqDb, taskerFunctions, array(TASKER_SET_FUNCTIONS))).isEmpty();
            assertThat(value(pgmqDb, "SELECT count(*) FROM pg_type WHERE typname IN ('dlq_reason',"
                    + " 'dlq_resolution_status')")).isEqualTo(0L);
        } else {
            assertThat(strings(pgmqDb, taskerRelations)).containsExactlyElementsOf(tables);
        }
    }

    private static String databaseOf(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return (String) value(connection, "SELECT current_database()");
        }
    }

    /** {@code names} as one {@code text[]} parameter. */
    private static Object array(List<String> names) {
        return names.toArray(String[]::new);
    }
}

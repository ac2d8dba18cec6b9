package dev.tasker.schema.pgmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PGMQ migration set as a whole (pgmq-api.md A.1, split-and-runtime.md §4.1). */
class PgmqMigrationSetTest extends PgmqSchemaTest {

    @Test
    @DisplayName("history table pgmq_schema_history records exactly the two versions with the seed's descriptions")
    void historyHoldsTheTwoVersionsWithTheSeedDescriptions() throws SQLException {
        List<Map<String, Object>> history = rows("""
                SELECT version, description, script, success
                FROM pgmq_schema_history WHERE version IS NOT NULL ORDER BY installed_rank""");

        assertThat(history)
                .extracting(r -> r.get("version"), r -> r.get("description"), r -> r.get("script"),
                        r -> r.get("success"))
                .containsExactly(
                        tuple("20250810140001", "pgmq extensions", "V20250810140001__pgmq_extensions.sql", true),
                        tuple("20250826180921", "notification functions",
                                "V20250826180921__notification_functions.sql", true));
        assertThat(PgmqMigrations.VERSIONS).containsExactly("20250810140001", "20250826180921");
    }

    @Test
    @DisplayName("running the set again applies nothing and leaves the history unchanged")
    void aSecondRunAppliesNothing() throws SQLException {
        List<Map<String, Object>> before = rows("SELECT * FROM pgmq_schema_history ORDER BY installed_rank");

        MigrateResult again = PgmqMigrations.migrate(endpoint.dataSource());

        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(rows("SELECT * FROM pgmq_schema_history ORDER BY installed_rank")).isEqualTo(before);
    }

    @Test
    @DisplayName("the set applies to a PGMQ database that holds no tasker set")
    void appliesToADatabaseWithoutTheTaskerSet() throws SQLException {
        assertThat(value("SELECT to_regclass('public.tasker_schema_history') IS NULL")).isEqualTo(true);
        assertThat(value("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'tasker\\_%'")).isEqualTo(0L);

        assertThat(value("SELECT count(*) FROM pgmq_schema_history WHERE version IS NOT NULL AND success"))
                .isEqualTo(2L);
        assertThat(value("SELECT to_regprocedure('public.pgmq_send_with_notify(text,jsonb,integer)') IS NOT NULL"))
                .isEqualTo(true);
        assertThat(value("SELECT to_regclass('pgmq.meta') IS NOT NULL")).isEqualTo(true);
    }
}

package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * pgmq_available() (tasker-schema.md §6.14, deviation D2): whether this database holds a usable pgmq, from the
 * catalogs only, never raising. Catalog changes are made in transactions that are rolled back.
 */
class PgmqAvailableTest extends TaskerSchemaTest {

    private static final String AVAILABLE = "SELECT pgmq_available() AS available";

    private static Object available(Connection connection) throws SQLException {
        return rows(connection, AVAILABLE).get(0).get("available");
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private boolean pgmqSchemaHere() throws SQLException {
        return (Boolean) value("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgmq')");
    }

    @Test
    @DisplayName("false in split mode's tasker database, which has no pgmq")
    void falseWithoutPgmq() throws SQLException {
        assumeTrue(databases.pgmqIsSeparate(), "split mode only");

        assertThat(value(AVAILABLE)).isEqualTo(false);
    }

    @Test
    @DisplayName("true in single mode, where the pgmq set was applied to the same database")
    void trueInSingleMode() throws SQLException {
        assumeTrue(!databases.pgmqIsSeparate(), "single mode only");

        assertThat(value(AVAILABLE)).isEqualTo(true);
    }

    @Test
    @DisplayName("true as soon as the pgmq extension is installed in this database")
    void trueOnceInstalled() throws SQLException {
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE EXTENSION IF NOT EXISTS pgmq");

            assertThat(available(transaction)).isEqualTo(true);
            transaction.rollback();
        }
    }

    @Test
    @DisplayName("false when schema pgmq exists without the queue registry and pgmq.metrics(text)")
    void falseForAnUnrelatedPgmqSchema() throws SQLException {
        assumeTrue(!pgmqSchemaHere(), "needs a database without pgmq (split mode)");
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE SCHEMA pgmq");
            assertThat(available(transaction)).as("empty schema").isEqualTo(false);
            run(transaction, "CREATE TABLE pgmq.meta (queue_name text)");
            assertThat(available(transaction)).as("registry without metrics(text)").isEqualTo(false);
            run(transaction, "CREATE FUNCTION pgmq.metrics(queue_name text) RETURNS bigint LANGUAGE sql"
                    + " AS 'SELECT 0::bigint'");
            assertThat(available(transaction)).as("registry and metrics(text)").isEqualTo(true);
            transaction.rollback();
        }
    }

    @Test
    @DisplayName("false, not an error, for a role that may not use schema pgmq")
    void falseWithoutSchemaPrivilege() throws SQLException {
        String role = "ops_no_pgmq_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE EXTENSION IF NOT EXISTS pgmq");
            run(transaction, "REVOKE USAGE ON SCHEMA pgmq FROM PUBLIC");
            run(transaction, "CREATE ROLE " + role);
            run(transaction, "SET LOCAL ROLE " + role);

            assertThat(available(transaction)).isEqualTo(false);
            transaction.rollback();
        }
    }

    @Test
    @DisplayName("false, not an error, for a role that may use the schema but not execute pgmq.metrics(text)")
    void falseWithoutExecutePrivilege() throws SQLException {
        String role = "ops_no_metrics_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection transaction = open()) {
            transaction.setAutoCommit(false);
            run(transaction, "CREATE EXTENSION IF NOT EXISTS pgmq");
            run(transaction, "CREATE ROLE " + role);
            run(transaction, "GRANT USAGE ON SCHEMA pgmq TO " + role);
            run(transaction, "REVOKE EXECUTE ON FUNCTION pgmq.metrics(text) FROM PUBLIC");
            run(transaction, "SET LOCAL ROLE " + role);

            assertThat(available(transaction)).isEqualTo(false);
            transaction.rollback();
        }
    }
}

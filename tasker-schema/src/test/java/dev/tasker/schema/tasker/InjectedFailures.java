package dev.tasker.schema.tasker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes inserts into a table fail for one task, inside a transaction that the caller rolls back: a BEFORE INSERT
 * trigger that raises when {@code NEW.task_uuid} is the given task. Lets tests reach the error branches of the DLQ
 * functions (their exception handlers), which real data cannot reach within one call.
 */
final class InjectedFailures {

    private InjectedFailures() {
    }

    /**
     * On {@code transaction} (autocommit off), makes every insert of a row for {@code task} into {@code table}
     * raise. Everything disappears with the transaction's rollback.
     */
    static void failInserts(Connection transaction, String table, UUID task) throws SQLException {
        if (transaction.getAutoCommit()) {
            throw new IllegalStateException("failure injection needs a transaction that is rolled back");
        }
        String name = "ops_test_fail_" + UUID.randomUUID().toString().replace("-", "");
        try (Statement statement = transaction.createStatement()) {
            statement.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                    + " IF NEW.task_uuid = '" + task + "'::uuid THEN RAISE EXCEPTION 'injected failure'; END IF;"
                    + " RETURN NEW; END $f$");
            statement.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        }
    }
}

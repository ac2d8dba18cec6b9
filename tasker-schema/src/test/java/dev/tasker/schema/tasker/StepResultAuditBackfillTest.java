package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The backfill of 20251203: worker results recorded before the audit table existed get audit rows when the
 * migration runs. Uses a database of its own, migrated up to 20251118, given transitions, then migrated to the end.
 */
class StepResultAuditBackfillTest extends TaskerSchemaTest {

    private static final String BEFORE_AUDIT = "20251118000000";

    private Connection early;
    private UUID task;
    private UUID step;
    private UUID successTransition;
    private UUID errorTransition;
    private UUID worker;

    @BeforeAll
    void migrateAroundHistoricalResults() throws Exception {
        DatabaseEndpoint endpoint = TestDatabases.provision(mode).tasker();
        early = endpoint.connect();
        assumeTrue(rows(early, "SELECT to_regclass('tasker_schema_history') IS NULL AS fresh").get(0).get("fresh")
                .equals(true), "needs a fresh database (the external provider hands out a shared one)");
        TaskerMigrations.configure(endpoint.dataSource()).target(BEFORE_AUDIT).load().migrate();

        TaskerFixtures history = new TaskerFixtures(early);
        UUID namespace = history.namespace(TaskerFixtures.unique("ns"));
        task = history.task(history.namedTask(namespace, TaskerFixtures.unique("task"), null), 0);
        step = history.step(task, history.namedStep(history.dependentSystem(TaskerFixtures.unique("sys")),
                TaskerFixtures.unique("step")));
        worker = UUID.randomUUID();
        history.stepTransition(step, "in_progress");
        successTransition = history.stepTransition(step, "enqueued_for_orchestration", "{\"worker_uuid\": \""
                + worker + "\", \"event\": \"{\\\"success\\\": false, \\\"metadata\\\":"
                + " {\\\"execution_time_ms\\\": 250}}\"}");
        history.stepTransition(step, "complete");
        history.stepTransition(step, "pending");
        errorTransition = history.stepTransition(step, "enqueued_as_error_for_orchestration",
                "{\"worker_uuid\": \"not-a-uuid\", \"correlation_id\": 5, \"event\": \"{broken\"}");

        TaskerMigrations.migrate(endpoint.dataSource());
    }

    @AfterAll
    void closeEarly() throws SQLException {
        if (early != null) {
            early.close();
        }
    }

    private List<Map<String, Object>> audits() throws SQLException {
        return rows(early, "SELECT * FROM tasker_workflow_step_result_audit WHERE workflow_step_uuid = ?", step);
    }

    @Test
    @DisplayName("every earlier worker-result transition gets one audit row, other transitions none")
    void oneRowPerWorkerResult() throws SQLException {
        assertThat(audits()).extracting(row -> row.get("workflow_step_transition_uuid"))
                .containsExactlyInAnyOrder(successTransition, errorTransition);
        assertThat(audits()).allSatisfy(row -> assertThat(row).containsEntry("task_uuid", task));
    }

    @Test
    @DisplayName("as upstream's backfill, success comes from the state; attribution and execution time from metadata")
    void valuesOfAWellFormedRow() throws SQLException {
        Map<String, Object> audit = audits().stream()
                .filter(row -> successTransition.equals(row.get("workflow_step_transition_uuid"))).findFirst()
                .orElseThrow();

        assertThat(audit).containsEntry("success", true).containsEntry("worker_uuid", worker)
                .containsEntry("execution_time_ms", 250L);
    }

    @Test
    @DisplayName("malformed historical values become NULL instead of stopping the migration")
    void malformedValuesAreSwallowed() throws SQLException {
        Map<String, Object> audit = audits().stream()
                .filter(row -> errorTransition.equals(row.get("workflow_step_transition_uuid"))).findFirst()
                .orElseThrow();

        assertThat(audit).containsEntry("success", false).containsEntry("worker_uuid", null)
                .containsEntry("correlation_id", null).containsEntry("execution_time_ms", null);
    }
}

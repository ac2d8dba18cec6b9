package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit trigger trg_step_result_audit / create_step_result_audit() (§5.2, §7.3 metadata shape). */
class StepResultAuditTriggerTest extends TaskerSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UUID task;
    private UUID step;

    @BeforeEach
    void stepInProgress() throws SQLException {
        OpsData.TemplateTask owner = new OpsData(db, fixtures).newTaskIn("pending", "initializing");
        task = owner.taskUuid();
        UUID namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("system")),
                TaskerFixtures.unique("step"));
        step = fixtures.step(task, namedStep);
        fixtures.stepTransition(step, "pending");
        fixtures.stepTransition(step, "enqueued");
        fixtures.stepTransition(step, "in_progress");
    }

    /**
     * Transition metadata as upstream's worker writes it (§7.3): {@code event} is the step event serialized to a
     * JSON string, next to the timestamp and the attribution keys.
     */
    private static String metadata(Object workerUuid, Object correlationId, Map<String, Object> event)
            throws JsonProcessingException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (event != null) {
            metadata.put("event", JSON.writeValueAsString(event));
        }
        metadata.put("timestamp", "2025-12-03T10:00:00Z");
        if (workerUuid != null) {
            metadata.put("worker_uuid", workerUuid);
        }
        if (correlationId != null) {
            metadata.put("correlation_id", correlationId);
        }
        return JSON.writeValueAsString(metadata);
    }

    private static Map<String, Object> event(Object success, Object executionTimeMs) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("step_uuid", UUID.randomUUID().toString());
        event.put("success", success);
        event.put("result", Map.of("answer", 42));
        event.put("metadata", Map.of("execution_time_ms", executionTimeMs, "retryable", true));
        return event;
    }

    private List<Map<String, Object>> audits() throws SQLException {
        return rows("SELECT * FROM tasker_workflow_step_result_audit WHERE workflow_step_uuid = ?", step);
    }

    private Map<String, Object> onlyAudit() throws SQLException {
        List<Map<String, Object>> audits = audits();
        assertThat(audits).hasSize(1);
        return audits.get(0);
    }

    @Test
    @DisplayName("a transition to enqueued_for_orchestration records step, transition, task and attribution")
    void recordsWorkerResult() throws Exception {
        UUID worker = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();

        UUID transition = fixtures.stepTransition(step, "enqueued_for_orchestration",
                metadata(worker, correlation, event(true, 1234)));

        assertThat(onlyAudit()).containsEntry("workflow_step_transition_uuid", transition)
                .containsEntry("task_uuid", task).containsEntry("worker_uuid", worker)
                .containsEntry("correlation_id", correlation).containsEntry("success", true)
                .containsEntry("execution_time_ms", 1234L);
    }

    @Test
    @DisplayName("a transition to enqueued_as_error_for_orchestration is audited too")
    void recordsErrorResult() throws Exception {
        fixtures.stepTransition(step, "enqueued_as_error_for_orchestration",
                metadata(UUID.randomUUID(), null, event(false, 77)));

        assertThat(onlyAudit()).containsEntry("success", false).containsEntry("execution_time_ms", 77L)
                .containsEntry("correlation_id", null);
    }

    @Test
    @DisplayName("success comes from the nested event JSON, even when it disagrees with the state")
    void successFromEventWins() throws Exception {
        fixtures.stepTransition(step, "enqueued_for_orchestration", metadata(null, null, event(false, 5)));

        assertThat(onlyAudit()).containsEntry("success", false);
    }

    @ParameterizedTest(name = "{0} without an event -> success {1}")
    @CsvSource({"enqueued_for_orchestration, true", "enqueued_as_error_for_orchestration, false"})
    @DisplayName("without a success flag, success falls back to the state")
    void successFallsBackToState(String state, boolean success) throws Exception {
        fixtures.stepTransition(step, state, metadata(UUID.randomUUID(), null, null));

        assertThat(onlyAudit()).containsEntry("success", success).containsEntry("execution_time_ms", null);
    }

    @Test
    @DisplayName("an event without a success key also falls back to the state; execution time is still read")
    void eventWithoutSuccessKey() throws Exception {
        Map<String, Object> event = event(null, 900);
        event.remove("success");

        fixtures.stepTransition(step, "enqueued_as_error_for_orchestration", metadata(null, null, event));

        assertThat(onlyAudit()).containsEntry("success", false).containsEntry("execution_time_ms", 900L);
    }

    @Test
    @DisplayName("a worker_uuid that is not a uuid is swallowed: NULL, and the transition is still written")
    void badWorkerUuid() throws Exception {
        UUID correlation = UUID.randomUUID();

        UUID transition = fixtures.stepTransition(step, "enqueued_for_orchestration",
                metadata("worker-7", correlation, event(true, 10)));

        assertThat(transition).isNotNull();
        assertThat(onlyAudit()).containsEntry("worker_uuid", null).containsEntry("correlation_id", correlation)
                .containsEntry("execution_time_ms", 10L);
    }

    @Test
    @DisplayName("a correlation_id that is not a uuid is swallowed: NULL, and the transition is still written")
    void badCorrelationId() throws Exception {
        UUID worker = UUID.randomUUID();

        fixtures.stepTransition(step, "enqueued_for_orchestration", metadata(worker, 12345, event(true, 10)));

        assertThat(onlyAudit()).containsEntry("correlation_id", null).containsEntry("worker_uuid", worker);
    }

    @Test
    @DisplayName("an event that is not JSON text is swallowed: success by state, no execution time")
    void eventNotJson() throws Exception {
        UUID worker = UUID.randomUUID();
        String metadata = JSON.writeValueAsString(Map.of("event", "StepCompleted(oops", "worker_uuid", worker));

        fixtures.stepTransition(step, "enqueued_for_orchestration", metadata);

        assertThat(onlyAudit()).containsEntry("success", true).containsEntry("execution_time_ms", null)
                .containsEntry("worker_uuid", worker);
    }

    @Test
    @DisplayName("a bad value inside the event is swallowed; as upstream, the whole event is then ignored")
    void badValueInsideEvent() throws Exception {
        fixtures.stepTransition(step, "enqueued_as_error_for_orchestration",
                metadata(null, null, event(true, "fast")));

        assertThat(onlyAudit()).containsEntry("execution_time_ms", null)
                .as("success falls back to the state").containsEntry("success", false);
    }

    @Test
    @DisplayName("a success flag that is not a boolean is swallowed: success by state")
    void badSuccessFlag() throws Exception {
        fixtures.stepTransition(step, "enqueued_for_orchestration", metadata(null, null, event("perhaps", 3)));

        assertThat(onlyAudit()).containsEntry("success", true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pending", "enqueued", "in_progress", "waiting_for_retry", "complete", "error",
        "cancelled", "resolved_manually"})
    @DisplayName("transitions into any other state are not audited")
    void otherStatesIgnored(String state) throws Exception {
        fixtures.stepTransition(step, state, metadata(UUID.randomUUID(), UUID.randomUUID(), event(true, 1)));

        assertThat(audits()).isEmpty();
    }

    @Test
    @DisplayName("each worker result gets its own row; recorded_at and the timestamps default to now()")
    void oneRowPerResultWithDefaults() throws Exception {
        fixtures.stepTransition(step, "enqueued_as_error_for_orchestration", metadata(null, null, event(false, 1)));
        fixtures.stepTransition(step, "waiting_for_retry");
        fixtures.stepTransition(step, "pending");
        fixtures.stepTransition(step, "enqueued");
        fixtures.stepTransition(step, "in_progress");
        fixtures.stepTransition(step, "enqueued_for_orchestration", metadata(null, null, event(true, 2)));
        fixtures.stepTransition(step, "complete");

        List<Map<String, Object>> audits = rows("SELECT a.success, a.execution_time_ms,"
                + " a.recorded_at = t.created_at AS recorded_with_transition, a.created_at = a.recorded_at AS created,"
                + " a.updated_at = a.recorded_at AS updated FROM tasker_workflow_step_result_audit a"
                + " JOIN tasker_workflow_step_transitions t USING (workflow_step_transition_uuid)"
                + " WHERE a.workflow_step_uuid = ? ORDER BY t.sort_key", step);
        assertThat(audits).extracting(row -> row.get("execution_time_ms")).containsExactly(1L, 2L);
        assertThat(audits).allSatisfy(row -> assertThat(row).containsEntry("recorded_with_transition", true)
                .containsEntry("created", true).containsEntry("updated", true));
    }
}

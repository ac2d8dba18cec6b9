package dev.tasker.dao.tasker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.transitions.StepAttribution;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

/** How events render into transition metadata (§7.1 debug rendering, §7.2 JSON-string event shape). */
class EventRenderingTest {

    @Test
    void taskEventsRenderAsUpstreamsDebugString() {
        UUID a = UUID.fromString("0190a000-0000-7000-8000-000000000001");
        UUID b = UUID.fromString("0190a000-0000-7000-8000-000000000002");
        assertThat(TaskEvent.Signal.START.describe()).isEqualTo("Start");
        assertThat(new TaskEvent.ReadyStepsFound(3).describe()).isEqualTo("ReadyStepsFound(3)");
        assertThat(new TaskEvent.StepsEnqueued(List.of(a, b)).describe()).isEqualTo("StepsEnqueued([" + a + ", " + b
                + "])");
        assertThat(new TaskEvent.EnqueueFailed("say \"no\"").describe()).isEqualTo("EnqueueFailed(\"say \\\"no\\\"\")");
        assertThat(new TaskEvent.StepCompleted(a).metadata().data()).isEqualTo("{\"event\": \"StepCompleted(" + a
                + ")\"}");
        assertThat(new TaskEvent.Fail("x").metadata().data()).isEqualTo("{\"event\": \"Fail(\\\"x\\\")\"}");
    }

    @Test
    void stepEventsSerializeWithTypeMessageResultsAndTheAuditFieldsLifted() {
        assertThat(StepEvent.Signal.ENQUEUE.toJson()).isEqualTo("{\"type\": \"Enqueue\"}");
        assertThat(new StepEvent.WaitForRetry("slow\ndown").toJson())
                .isEqualTo("{\"type\": \"WaitForRetry\", \"message\": \"slow\\ndown\"}");
        assertThat(new StepEvent.Complete((JSONB) null).toJson()).isEqualTo("{\"type\": \"Complete\"}");
        String json = new StepEvent.EnqueueForOrchestration(JSONB.valueOf(
                "{\"success\": false, \"metadata\": {\"execution_time_ms\": 7}, \"result\": [1]}")).toJson();
        assertThat(json).startsWith("{\"type\": \"EnqueueForOrchestration\", \"results\": {\"success\": false,")
                .endsWith(", \"success\": false, \"metadata\": {\"execution_time_ms\":7}}");
        assertThat(new StepEvent.Complete(JSONB.valueOf("[1, 2]")).toJson())
                .isEqualTo("{\"type\": \"Complete\", \"results\": [1, 2]}");
        assertThatThrownBy(() -> new StepEvent.Complete(JSONB.valueOf("{nope")).toJson())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("results: not valid JSON");
    }

    @Test
    void stepMetadataHoldsTheEventAsAJsonStringATimestampAndTheAttribution() {
        UUID worker = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
        assertThat(StepAttribution.of(worker, correlation).metadata(StepEvent.Signal.START, at).data())
                .isEqualTo("{\"event\": \"{\\\"type\\\": \\\"Start\\\"}\", \"timestamp\": \"2026-01-02T03:04:05.123456Z\","
                        + " \"worker_uuid\": \"" + worker + "\", \"correlation_id\": \"" + correlation + "\"}");
        assertThat(StepAttribution.NONE.metadata(StepEvent.Signal.CANCEL, at).data())
                .isEqualTo("{\"event\": \"{\\\"type\\\": \\\"Cancel\\\"}\", \"timestamp\": \"2026-01-02T03:04:05.123456Z\"}");
    }
}

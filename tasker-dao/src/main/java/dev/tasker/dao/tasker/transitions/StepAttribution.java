package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.JsonText;
import dev.tasker.dao.tasker.state.StepEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * Who a step transition is attributed to: the worker and the correlation id, written as {@code worker_uuid} and
 * {@code correlation_id} into the transition metadata, where the result-audit trigger (tasker-schema.md §5.2)
 * picks them up.
 *
 * @param workerUuid    the worker that reported the result, if known
 * @param correlationId the task's correlation id, if known
 */
public record StepAttribution(Optional<UUID> workerUuid, Optional<UUID> correlationId) {

    /** No attribution. */
    public static final StepAttribution NONE = new StepAttribution(Optional.empty(), Optional.empty());

    /** Refuses null optionals. */
    public StepAttribution {
        Arguments.required("workerUuid", workerUuid);
        Arguments.required("correlationId", correlationId);
    }

    /** Attributed to {@code workerUuid} and {@code correlationId} (both required). */
    public static StepAttribution of(UUID workerUuid, UUID correlationId) {
        return new StepAttribution(Optional.of(Arguments.required("workerUuid", workerUuid)),
                Optional.of(Arguments.required("correlationId", correlationId)));
    }

    /**
     * The step transition metadata of §7.2: {@code {"event": "<event.toJson()>", "timestamp": "<at, RFC 3339>"}}
     * plus this attribution's keys.
     */
    public JSONB metadata(StepEvent event, Instant at) {
        StringBuilder json = new StringBuilder("{\"event\": ").append(JsonText.quote(event.toJson()))
                .append(", \"timestamp\": ").append(JsonText.quote(at.truncatedTo(ChronoUnit.MICROS).toString()));
        workerUuid.ifPresent(worker -> json.append(", \"worker_uuid\": ").append(JsonText.quote(worker.toString())));
        correlationId.ifPresent(id -> json.append(", \"correlation_id\": ").append(JsonText.quote(id.toString())));
        return JSONB.valueOf(json.append('}').toString());
    }
}

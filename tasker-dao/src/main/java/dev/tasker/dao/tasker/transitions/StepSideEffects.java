package dev.tasker.dao.tasker.transitions;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_WORKFLOW_STEPS;

import dev.tasker.dao.tasker.state.StepEvent;
import dev.tasker.dao.tasker.state.StepState;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The columns of {@code tasker_workflow_steps} written when a step enters a state (tasker-schema.md §7.2). */
final class StepSideEffects {

    private StepSideEffects() {
    }

    /** Column → value (or SQL expression) that entering {@code target} by {@code event} writes; empty for none. */
    static Map<Field<?>, Object> of(StepState target, StepEvent event) {
        Field<LocalDateTime> now = DSL.currentLocalDateTime();
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        switch (target) {
            case IN_PROGRESS -> columns.put(TASKER_WORKFLOW_STEPS.IN_PROCESS, true);
            case COMPLETE, CANCELLED, RESOLVED_MANUALLY -> {
                columns.put(TASKER_WORKFLOW_STEPS.IN_PROCESS, false);
                columns.put(TASKER_WORKFLOW_STEPS.PROCESSED, true);
                columns.put(TASKER_WORKFLOW_STEPS.PROCESSED_AT, now);
            }
            case ERROR, ENQUEUED_FOR_ORCHESTRATION, ENQUEUED_AS_ERROR_FOR_ORCHESTRATION ->
                    columns.put(TASKER_WORKFLOW_STEPS.IN_PROCESS, false);
            case PENDING, ENQUEUED, WAITING_FOR_RETRY -> {
                // no column change
            }
        }
        if (target == StepState.COMPLETE || target == StepState.ENQUEUED_FOR_ORCHESTRATION
                || target == StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION) {
            event.results().ifPresent(results -> columns.put(TASKER_WORKFLOW_STEPS.RESULTS, results));
        }
        if (event == StepEvent.Signal.RESET_FOR_RETRY) {
            columns.put(TASKER_WORKFLOW_STEPS.ATTEMPTS, 0);
        }
        return columns;
    }

    /** Writes {@link #of} for step {@code step} (with updated_at = now()), if there is anything to write. */
    static void apply(DSLContext ctx, UUID step, StepState target, StepEvent event) {
        Map<Field<?>, Object> columns = of(target, event);
        if (!columns.isEmpty()) {
            ctx.update(TASKER_WORKFLOW_STEPS).set(columns)
                    .set(TASKER_WORKFLOW_STEPS.UPDATED_AT, DSL.currentLocalDateTime())
                    .where(TASKER_WORKFLOW_STEPS.WORKFLOW_STEP_UUID.eq(step))
                    .execute();
        }
    }
}

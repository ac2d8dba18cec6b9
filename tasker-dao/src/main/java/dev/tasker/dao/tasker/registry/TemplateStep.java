package dev.tasker.dao.tasker.registry;

import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_STEPS;
import static dev.tasker.schema.tasker.generated.Tables.TASKER_NAMED_TASKS_NAMED_STEPS;

import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.Record;

/**
 * One step of a task template: a row of {@code tasker_named_tasks_named_steps} with the name of its named step.
 */
public record TemplateStep(UUID uuid, UUID namedTaskUuid, UUID namedStepUuid, String stepName,
        StepDefaults defaults, LocalDateTime createdAt, LocalDateTime updatedAt) {

    static TemplateStep from(Record row) {
        var t = TASKER_NAMED_TASKS_NAMED_STEPS;
        return new TemplateStep(row.get(t.NTNS_UUID), row.get(t.NAMED_TASK_UUID), row.get(t.NAMED_STEP_UUID),
                row.get(TASKER_NAMED_STEPS.NAME),
                new StepDefaults(row.get(t.SKIPPABLE), row.get(t.DEFAULT_RETRYABLE), row.get(t.DEFAULT_MAX_ATTEMPTS)),
                row.get(t.CREATED_AT), row.get(t.UPDATED_AT));
    }
}

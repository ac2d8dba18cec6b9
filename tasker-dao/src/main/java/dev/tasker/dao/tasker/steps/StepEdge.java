package dev.tasker.dao.tasker.steps;

import dev.tasker.schema.tasker.generated.tables.records.TaskerWorkflowStepEdgesRecord;
import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker_workflow_step_edges}: {@code fromStep} must finish before {@code toStep} ({@code name}). */
public record StepEdge(UUID uuid, UUID fromStep, UUID toStep, String name, LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    static StepEdge from(TaskerWorkflowStepEdgesRecord row) {
        return new StepEdge(row.getWorkflowStepEdgeUuid(), row.getFromStepUuid(), row.getToStepUuid(), row.getName(),
                row.getCreatedAt(), row.getUpdatedAt());
    }
}

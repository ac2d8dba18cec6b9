package dev.tasker.dao.tasker.analytics;

import dev.tasker.dao.tasker.state.StepState;
import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.schema.tasker.generated.tables.records.GetSystemHealthCountsRecord;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The single row of {@code get_system_health_counts} (tasker-schema.md §6.10): tasks and steps counted by the state
 * of their most recent transition. The totals also count rows without any transition, which no per-state count
 * includes.
 *
 * @param taskCounts tasks per current state (every {@link TaskState} present)
 * @param totalTasks every task row
 * @param stepCounts steps per current state (every {@link StepState} present)
 * @param totalSteps every workflow step row
 */
public record SystemHealthCounts(Map<TaskState, Long> taskCounts, long totalTasks, Map<StepState, Long> stepCounts,
                                 long totalSteps) {

    /** Copies the maps. */
    public SystemHealthCounts {
        taskCounts = Collections.unmodifiableMap(new EnumMap<>(taskCounts));
        stepCounts = Collections.unmodifiableMap(new EnumMap<>(stepCounts));
    }

    /** Tasks whose current state is {@code state}. */
    public long tasksIn(TaskState state) {
        return taskCounts.getOrDefault(state, 0L);
    }

    /** Steps whose current state is {@code state}. */
    public long stepsIn(StepState state) {
        return stepCounts.getOrDefault(state, 0L);
    }

    static SystemHealthCounts of(GetSystemHealthCountsRecord row) {
        Map<TaskState, Long> tasks = new EnumMap<>(TaskState.class);
        tasks.put(TaskState.PENDING, row.getPendingTasks());
        tasks.put(TaskState.INITIALIZING, row.getInitializingTasks());
        tasks.put(TaskState.ENQUEUING_STEPS, row.getEnqueuingStepsTasks());
        tasks.put(TaskState.STEPS_IN_PROCESS, row.getStepsInProcessTasks());
        tasks.put(TaskState.EVALUATING_RESULTS, row.getEvaluatingResultsTasks());
        tasks.put(TaskState.WAITING_FOR_DEPENDENCIES, row.getWaitingForDependenciesTasks());
        tasks.put(TaskState.WAITING_FOR_RETRY, row.getWaitingForRetryTasks());
        tasks.put(TaskState.BLOCKED_BY_FAILURES, row.getBlockedByFailuresTasks());
        tasks.put(TaskState.COMPLETE, row.getCompleteTasks());
        tasks.put(TaskState.ERROR, row.getErrorTasks());
        tasks.put(TaskState.CANCELLED, row.getCancelledTasks());
        tasks.put(TaskState.RESOLVED_MANUALLY, row.getResolvedManuallyTasks());
        Map<StepState, Long> steps = new EnumMap<>(StepState.class);
        steps.put(StepState.PENDING, row.getPendingSteps());
        steps.put(StepState.ENQUEUED, row.getEnqueuedSteps());
        steps.put(StepState.IN_PROGRESS, row.getInProgressSteps());
        steps.put(StepState.ENQUEUED_FOR_ORCHESTRATION, row.getEnqueuedForOrchestrationSteps());
        steps.put(StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, row.getEnqueuedAsErrorForOrchestrationSteps());
        steps.put(StepState.WAITING_FOR_RETRY, row.getWaitingForRetrySteps());
        steps.put(StepState.COMPLETE, row.getCompleteSteps());
        steps.put(StepState.ERROR, row.getErrorSteps());
        steps.put(StepState.CANCELLED, row.getCancelledSteps());
        steps.put(StepState.RESOLVED_MANUALLY, row.getResolvedManuallySteps());
        return new SystemHealthCounts(tasks, row.getTotalTasks(), steps, row.getTotalSteps());
    }
}

package dev.tasker.dao.tasker.lifecycle;

import java.util.UUID;

/**
 * A workflow step that {@link TaskLifecycle#advance} moved to {@code enqueued}: hand it to a worker.
 *
 * @param workflowStepUuid the step
 * @param taskUuid         its task
 * @param name             its named step's name
 * @param attempts         the attempts it had so far (0 for a first run, more for a retry)
 */
public record EnqueuedStep(UUID workflowStepUuid, UUID taskUuid, String name, int attempts) {
}

package dev.tasker.it;

import java.util.UUID;

/**
 * What orchestration sends to a worker queue for one ready step (the payload, mapped by Jackson).
 *
 * @param taskUuid the task
 * @param stepUuid the workflow step to run
 * @param stepName the step's name, for reading the queue by eye
 */
record StepMessage(UUID taskUuid, UUID stepUuid, String stepName) {
}

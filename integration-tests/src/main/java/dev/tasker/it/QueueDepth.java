package dev.tasker.it;

import java.util.Objects;

/**
 * How many messages one queue holds, as pgmq's {@code metrics} reports them in the PGMQ database.
 *
 * @param queue         the queue name
 * @param length        messages in the queue, visible or not
 * @param visibleLength messages a reader could take now
 */
public record QueueDepth(String queue, long length, long visibleLength) {

    /** Checks that the queue is named. */
    public QueueDepth {
        Objects.requireNonNull(queue, "queue");
    }
}

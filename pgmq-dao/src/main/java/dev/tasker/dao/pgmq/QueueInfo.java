package dev.tasker.dao.pgmq;

import java.time.Instant;

/**
 * One queue as registered in {@code pgmq.meta} ({@code pgmq.list_queues()}).
 *
 * @param name the queue name as it was created (case kept)
 * @param createdAt when it was created
 * @param partitioned whether it is a pg_partman-partitioned queue
 * @param unlogged whether its queue table is UNLOGGED
 */
public record QueueInfo(String name, Instant createdAt, boolean partitioned, boolean unlogged) {
}

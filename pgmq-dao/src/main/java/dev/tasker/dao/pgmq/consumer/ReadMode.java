package dev.tasker.dao.pgmq.consumer;

/** How a {@link PgmqConsumer} reads its queue and hands messages to its handler. */
public enum ReadMode {

    /**
     * Batch reads in id order ({@code pgmq.read}); every message gets a handler of its own, concurrently up to
     * {@link ConsumerConfig#maxConcurrency()}; a notification for one message reads that message by id.
     */
    STANDARD,

    /**
     * FIFO message groups (pgmq 1.9.0+; the group is the header {@code x-pgmq-group}, see
     * {@link dev.tasker.dao.pgmq.QueueGroups}). Reads with {@code pgmq.read_grouped}, which hands out a group's
     * messages only while none older of that group is in flight anywhere, so across all consumers of the queue at
     * most one consumer holds a group at a time. The messages of one group in a batch are handled one after another
     * in send order on one handler thread; different groups run in parallel. When a message is not handled
     * successfully (failed, timed out, poison), the group's later messages of that batch are
     * released unhandled ({@code set_vt} 0) and come back in order. Because {@code read_grouped} looks at the whole
     * queue, it reads full batches (100 messages), taken in hand as one chain per group that
     * needs one handler slot, and reads again once every chain has begun. Notifications only trigger batch reads.
     */
    FIFO_GROUPS
}

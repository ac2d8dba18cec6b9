package dev.tasker.dao.pgmq.consumer;

/** What a {@link PgmqConsumer} does with a message whose handler threw (or whose payload did not map). */
public enum FailureAction {

    /**
     * Leave it in the queue untouched: heartbeats stop, and it becomes visible again when its current visibility
     * timeout runs out (at most {@link ConsumerConfig#visibilityTimeout()} after its read or last heartbeat), then
     * is read again with a higher read count, by this or another consumer.
     */
    RETRY_AFTER_TIMEOUT,

    /** Move it to the queue's archive {@code pgmq.a_<queue>} ({@code pgmq.archive}), so it is not retried. */
    ARCHIVE
}

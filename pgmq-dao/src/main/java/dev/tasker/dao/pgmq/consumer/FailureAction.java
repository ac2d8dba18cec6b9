package dev.tasker.dao.pgmq.consumer;

/**
 * What a {@link PgmqConsumer} does with a message whose handler threw or timed out. A payload that does not map to
 * the handler's type (a poison message) is never retried: it is archived with {@link #ARCHIVE} and dead-lettered
 * otherwise.
 */
public enum FailureAction {

    /**
     * Retry per {@link ConsumerConfig#retry()}: hide the message for the policy's backoff ({@code pgmq.set_vt}), and
     * once its attempts ({@code read_ct}) are exhausted or the failure is non-retryable move it to
     * {@link ConsumerConfig#deadLetterQueue()}, deleting it from the queue in the same transaction.
     */
    RETRY,

    /**
     * Leave it in the queue untouched: heartbeats stop, and it becomes visible again when its current visibility
     * timeout runs out (at most {@link ConsumerConfig#visibilityTimeout()} after its read or last heartbeat), then
     * is read again with a higher read count, by this or another consumer, without limit.
     */
    RETRY_AFTER_TIMEOUT,

    /** Move it to the queue's archive {@code pgmq.a_<queue>} ({@code pgmq.archive}), so it is not retried. */
    ARCHIVE
}

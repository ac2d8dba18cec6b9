package dev.tasker.dao.pgmq.consumer;

/**
 * A snapshot of a {@link PgmqConsumer}'s counters since it was created.
 *
 * @param processed     messages whose handler succeeded and that were then settled ({@link ConsumerConfig#onSuccess()})
 * @param failed        messages whose handler threw or timed out, or whose payload did not map
 * @param released      messages still in flight at shutdown that were made visible again ({@code set_vt} 0)
 * @param inFlight      messages read and not yet settled or released, now
 * @param batchReads    batch reads ({@code pgmq.read}) done
 * @param specificReads reads of one announced message ({@code pgmq_read_specific_message}) done
 * @param queueErrors   queue operations (reads, settles, heartbeats, releases) that failed and were logged
 * @param retried       failed messages hidden for a retry ({@link FailureAction#RETRY})
 * @param deadLettered  messages moved to the dead-letter queue (exhausted, non-retryable or poison)
 * @param timedOut      handlers interrupted after {@link ConsumerConfig#handlerTimeout()} (also counted as failed)
 */
public record ConsumerStats(long processed, long failed, long released, int inFlight, long batchReads,
                            long specificReads, long queueErrors, long retried, long deadLettered, long timedOut) {
}

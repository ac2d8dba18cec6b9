/**
 * A queue consumer: {@link dev.tasker.dao.pgmq.consumer.PgmqConsumer} combines notification wake-ups with polling,
 * runs a {@link dev.tasker.dao.pgmq.consumer.MessageHandler} per message on virtual threads with bounded
 * concurrency, renews visibility timeouts while messages are in flight, settles successes in batches
 * ({@link dev.tasker.dao.pgmq.consumer.SuccessAction}), retries failures with backoff and dead-letters what keeps
 * failing, poison payloads and non-retryable failures ({@link dev.tasker.dao.pgmq.consumer.FailureAction},
 * {@link dev.tasker.dao.pgmq.consumer.RetryPolicy}, {@link dev.tasker.dao.pgmq.consumer.DeadLetter}), and
 * releases the messages still in flight when it shuts down. Settings are a
 * {@link dev.tasker.dao.pgmq.consumer.ConsumerConfig}; counters a {@link dev.tasker.dao.pgmq.consumer.ConsumerStats};
 * {@link dev.tasker.dao.pgmq.consumer.DeadLetterReplay} sends dead letters back to their queue.
 */
package dev.tasker.dao.pgmq.consumer;

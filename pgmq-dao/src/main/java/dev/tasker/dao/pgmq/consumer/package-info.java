/**
 * A queue consumer: {@link dev.tasker.dao.pgmq.consumer.PgmqConsumer} combines notification wake-ups with polling,
 * runs a {@link dev.tasker.dao.pgmq.consumer.MessageHandler} per message on virtual threads with bounded
 * concurrency, renews visibility timeouts while handlers run, settles messages by
 * {@link dev.tasker.dao.pgmq.consumer.SuccessAction} and {@link dev.tasker.dao.pgmq.consumer.FailureAction}, and
 * releases the messages still in flight when it shuts down. Settings are a
 * {@link dev.tasker.dao.pgmq.consumer.ConsumerConfig}; counters a {@link dev.tasker.dao.pgmq.consumer.ConsumerStats}.
 */
package dev.tasker.dao.pgmq.consumer;

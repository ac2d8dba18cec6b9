package dev.tasker.dao.pgmq.consumer;

import dev.tasker.dao.pgmq.Message;

/**
 * Processes one message for a {@link PgmqConsumer}, on a virtual thread of its own. Returning normally counts as
 * success ({@link ConsumerConfig#onSuccess()}), throwing as failure ({@link ConsumerConfig#onFailure()}).
 *
 * <p>Delivery is at least once: a message whose handler outlives its visibility timeout without heartbeats (the
 * consumer crashed, the database was unreachable) is read again, possibly by another consumer, so handlers should be
 * idempotent. When the consumer shuts down a handler still running after the grace period is interrupted and its
 * message released; its outcome is then ignored.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface MessageHandler<T> {

    /** Processes {@code message}; throws to report failure. */
    void handle(Message<T> message) throws Exception;
}

package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.MessageHandler;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionEvent;

/**
 * What the {@link ConsumerContainer} reports to: handler calls of each consumer and the shared listener's connection
 * events. {@link #NONE} without Micrometer; {@link MicrometerConsumerInstrumentation} with it.
 */
public interface ConsumerInstrumentation {

    /** Reports nothing. */
    ConsumerInstrumentation NONE = new ConsumerInstrumentation() {
        @Override
        public <T> MessageHandler<T> instrument(ConsumerConfig config, MessageHandler<T> handler) {
            return handler;
        }

        @Override
        public void consumerStarted(PgmqConsumer<?> consumer) {
        }

        @Override
        public void listenerEvent(ConnectionEvent event) {
        }
    };

    /** {@code handler} of the consumer configured by {@code config}, reporting each call. */
    <T> MessageHandler<T> instrument(ConsumerConfig config, MessageHandler<T> handler);

    /** {@code consumer} was started: counts it keeps itself ({@link PgmqConsumer#stats()}) may be reported. */
    void consumerStarted(PgmqConsumer<?> consumer);

    /** The shared listener's connection changed state. */
    void listenerEvent(ConnectionEvent event);
}

package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.MessageHandler;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A consumer declared as a bean: the starter runs one {@link dev.tasker.dao.pgmq.consumer.PgmqConsumer} per
 * {@code QueueConsumer} bean, started once the application is ready (its queue is created first if missing) and
 * drained on shutdown (handlers still running
 * after {@link ConsumerConfig#shutdownGrace()} are interrupted and their messages released). All consumers of the
 * application share one dedicated LISTEN connection to the PGMQ database.
 *
 * <pre>{@code
 * @Bean
 * QueueConsumer<OrderReady> orders(Shipping shipping) {
 *     return QueueConsumer.of("orders", OrderReady.class, message -> shipping.ship(message.payload()));
 * }
 * }</pre>
 *
 * @param config      the consumer's settings (queue, concurrency, visibility timeout, grace period, ...)
 * @param payloadType the type payloads are mapped to (a payload that does not map is a poison message: archived or
 *                    dead-lettered at once, see {@link dev.tasker.dao.pgmq.consumer.FailureAction})
 * @param handler     runs once per message on a virtual thread; returning is success, throwing is failure
 * @param <T>         the payload type
 */
public record QueueConsumer<T>(ConsumerConfig config, Class<T> payloadType, MessageHandler<T> handler) {

    public QueueConsumer {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(handler, "handler");
    }

    /** A consumer of {@code queue} with {@link ConsumerConfig#defaults(String)}. */
    public static <T> QueueConsumer<T> of(String queue, Class<T> payloadType, MessageHandler<T> handler) {
        return new QueueConsumer<>(ConsumerConfig.defaults(queue), payloadType, handler);
    }

    /** The same consumer with its settings changed, e.g. {@code c -> c.withMaxConcurrency(4)}. */
    public QueueConsumer<T> configured(UnaryOperator<ConsumerConfig> change) {
        return new QueueConsumer<>(change.apply(config), payloadType, handler);
    }

    /** The queue consumed. */
    public String queue() {
        return config.queue();
    }
}

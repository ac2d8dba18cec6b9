package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.consumer.ConsumerConfig;
import dev.tasker.dao.pgmq.consumer.MessageHandler;
import dev.tasker.dao.pgmq.consumer.PgmqConsumer;
import dev.tasker.dao.pgmq.notify.ConnectionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumer and listener meters (names and tags in the README, section "Meters"):
 * <ul>
 *   <li>{@value #RECEIVED} counter, {@value #PROCESSED} counter tagged {@code outcome} = {@code handled} |
 *       {@code failed} (the handler returned / threw) | {@code retried} | {@code dead_lettered} (the consumer's
 *       own counts: hidden for a retry, moved to the dead-letter queue), {@value #DURATION} timer tagged {@code outcome}, {@value #IN_FLIGHT} gauge (handlers running)
 *       and {@value #READ_LATENCY} timer (from enqueue to delivery to the handler), all tagged {@code queue} and
 *       {@code consumer}; from the consumer's own counts {@value #RELEASED} (in flight at shutdown, released) and
 *       {@value #QUEUE_ERRORS} (failed reads, settles, heartbeats);</li>
 *   <li>{@value #LISTENER_CONNECTED} gauge (1 connected, 0 not) and {@value #LISTENER_RECONNECTS} counter.</li>
 * </ul>
 */
public final class MicrometerConsumerInstrumentation implements ConsumerInstrumentation {

    /** Messages handed to the handler. */
    public static final String RECEIVED = "tasker.pgmq.consumer.messages.received";
    /** Messages whose handler finished, by outcome. */
    public static final String PROCESSED = "tasker.pgmq.consumer.messages.processed";
    /** Handler duration, by outcome. */
    public static final String DURATION = "tasker.pgmq.consumer.handler.duration";
    /** Handlers running now. */
    public static final String IN_FLIGHT = "tasker.pgmq.consumer.in.flight";
    /** Time from enqueue to delivery to the handler. */
    public static final String READ_LATENCY = "tasker.pgmq.consumer.read.latency";
    /** Messages released at shutdown. */
    public static final String RELEASED = "tasker.pgmq.consumer.messages.released";
    /** Failed queue operations of a consumer. */
    public static final String QUEUE_ERRORS = "tasker.pgmq.consumer.queue.errors";
    /** 1 while the shared listener is connected. */
    public static final String LISTENER_CONNECTED = "tasker.pgmq.listener.connected";
    /** Reconnects of the shared listener. */
    public static final String LISTENER_RECONNECTS = "tasker.pgmq.listener.reconnects";

    private final MeterRegistry registry;
    private final AtomicInteger connected = new AtomicInteger();
    private final Counter reconnects;

    /** Meters in {@code registry}; the listener meters are registered at once. */
    public MicrometerConsumerInstrumentation(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(LISTENER_CONNECTED, connected, AtomicInteger::get)
                .description("1 while the consumers' notification listener is connected to the PGMQ database")
                .register(registry);
        this.reconnects = Counter.builder(LISTENER_RECONNECTS)
                .description("reconnects of the consumers' notification listener").register(registry);
    }

    @Override
    public <T> MessageHandler<T> instrument(ConsumerConfig config, MessageHandler<T> handler) {
        Tags tags = Tags.of("queue", config.queue(), "consumer", config.name());
        Counter received = Counter.builder(RECEIVED).tags(tags).register(registry);
        Counter handled = Counter.builder(PROCESSED).tags(tags).tag("outcome", "handled").register(registry);
        Counter failed = Counter.builder(PROCESSED).tags(tags).tag("outcome", "failed").register(registry);
        Timer handledTime = Timer.builder(DURATION).tags(tags).tag("outcome", "handled").register(registry);
        Timer failedTime = Timer.builder(DURATION).tags(tags).tag("outcome", "failed").register(registry);
        Timer latency = Timer.builder(READ_LATENCY).tags(tags).register(registry);
        AtomicInteger inFlight = new AtomicInteger();
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get).tags(tags).register(registry);
        return message -> {
            received.increment();
            Duration waited = Duration.between(message.enqueuedAt(), Instant.now());
            latency.record(waited.isNegative() ? Duration.ZERO : waited);
            inFlight.incrementAndGet();
            long start = System.nanoTime();
            try {
                handler.handle(message);
                handledTime.record(Duration.ofNanos(System.nanoTime() - start));
                handled.increment();
            } catch (Exception | Error e) {
                failedTime.record(Duration.ofNanos(System.nanoTime() - start));
                failed.increment();
                throw e;
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    @Override
    public void consumerStarted(PgmqConsumer<?> consumer) {
        Tags tags = Tags.of("queue", consumer.config().queue(), "consumer", consumer.config().name());
        FunctionCounter.builder(PROCESSED, consumer, c -> c.stats().retried()).tags(tags).tag("outcome", "retried")
                .description("failed messages hidden for a retry").register(registry);
        FunctionCounter.builder(PROCESSED, consumer, c -> c.stats().deadLettered()).tags(tags)
                .tag("outcome", "dead_lettered").description("messages moved to the dead-letter queue")
                .register(registry);
        FunctionCounter.builder(RELEASED, consumer, c -> c.stats().released()).tags(tags).register(registry);
        FunctionCounter.builder(QUEUE_ERRORS, consumer, c -> c.stats().queueErrors()).tags(tags).register(registry);
    }

    @Override
    public void listenerEvent(ConnectionEvent event) {
        switch (event) {
            case ConnectionEvent.Connected ignored -> connected.set(1);
            case ConnectionEvent.Reconnected ignored -> {
                connected.set(1);
                reconnects.increment();
            }
            case ConnectionEvent.Disconnected ignored -> connected.set(0);
            case ConnectionEvent.ConnectFailed ignored -> connected.set(0);
        }
    }
}

package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.QueueMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples {@code pgmq.metrics_all()} on a schedule (not per scrape) into per-queue gauges tagged {@code queue}:
 * {@value #LENGTH}, {@value #VISIBLE_LENGTH} and {@value #OLDEST_AGE} (seconds; 0 when the queue is empty). A queue
 * that disappears reads NaN. A failed sample is logged and keeps the previous values.
 */
public final class QueueMetricsSampler implements SmartLifecycle {

    /** Messages in the queue, visible or not. */
    public static final String LENGTH = "tasker.pgmq.queue.length";
    /** Messages visible now. */
    public static final String VISIBLE_LENGTH = "tasker.pgmq.queue.visible.length";
    /** Age of the oldest message, in seconds. */
    public static final String OLDEST_AGE = "tasker.pgmq.queue.oldest.age";

    private static final Logger LOG = LoggerFactory.getLogger(QueueMetricsSampler.class);

    private final PgmqClient client;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    /** Samples through {@code client} into {@code registry} every {@code interval} while running. */
    public QueueMetricsSampler(PgmqClient client, MeterRegistry registry, Duration interval) {
        this.client = client;
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tasker-queue-metrics").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Takes one sample now. */
    void sample() {
        try {
            Set<String> seen = new HashSet<>();
            for (QueueMetrics metrics : client.queues().metricsAll()) {
                seen.add(metrics.queueName());
                samples.computeIfAbsent(metrics.queueName(), this::register).update(metrics);
            }
            samples.forEach((queue, sample) -> {
                if (!seen.contains(queue)) {
                    sample.clear();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Sampling the queue metrics failed; the gauges keep their last values: {}", e.toString());
        }
    }

    private Sample register(String queue) {
        Sample sample = new Sample();
        Gauge.builder(LENGTH, sample, s -> s.length).tag("queue", queue)
                .description("messages in the queue").register(registry);
        Gauge.builder(VISIBLE_LENGTH, sample, s -> s.visibleLength).tag("queue", queue)
                .description("messages visible now").register(registry);
        Gauge.builder(OLDEST_AGE, sample, s -> s.oldestAge).tag("queue", queue).baseUnit("seconds")
                .description("age of the oldest message").register(registry);
        return sample;
    }

    /** The last values of one queue. */
    private static final class Sample {
        private volatile double length = Double.NaN;
        private volatile double visibleLength = Double.NaN;
        private volatile double oldestAge = Double.NaN;

        void update(QueueMetrics metrics) {
            length = metrics.queueLength();
            visibleLength = metrics.visibleLength();
            oldestAge = metrics.oldestMessageAgeSeconds().orElse(0);
        }

        void clear() {
            length = Double.NaN;
            visibleLength = Double.NaN;
            oldestAge = Double.NaN;
        }
    }
}

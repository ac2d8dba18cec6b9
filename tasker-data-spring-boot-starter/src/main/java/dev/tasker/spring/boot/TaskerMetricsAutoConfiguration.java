package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.PgmqClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the consumers, the shared listener and the queues, when the application has a
 * {@link MeterRegistry}. Hikari pool meters come from Spring Boot itself, for the pool beans.
 */
@AutoConfiguration(after = TaskerDataAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class TaskerMetricsAutoConfiguration {

    /** Consumer and listener meters. */
    @Bean
    @ConditionalOnMissingBean
    public ConsumerInstrumentation taskerConsumerInstrumentation(MeterRegistry registry) {
        return new MicrometerConsumerInstrumentation(registry);
    }

    /** Queue gauges sampled every {@code tasker.metrics.queue-sample-interval}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PgmqClient.class)
    public QueueMetricsSampler taskerQueueMetricsSampler(PgmqClient client, MeterRegistry registry,
                                                         TaskerDataProperties properties) {
        return new QueueMetricsSampler(client, registry, properties.metrics().queueSampleInterval());
    }
}

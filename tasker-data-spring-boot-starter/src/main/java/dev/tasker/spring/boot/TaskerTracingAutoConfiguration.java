package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.tracing.MessageTracing;
import dev.tasker.spring.tracing.MicrometerMessageTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Trace context through message headers ({@link MicrometerMessageTracing}) when the application has a Micrometer
 * {@link Tracer} and {@link Propagator} (e.g. with {@code spring-boot-starter-opentelemetry}). Without Micrometer
 * Tracing on the classpath this class is skipped and the {@link dev.tasker.dao.pgmq.PgmqClient} carries
 * {@link MessageTracing#NONE}.
 */
@AutoConfiguration(before = TaskerDataAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration"})
@ConditionalOnClass({Tracer.class, Propagator.class})
@ConditionalOnBean({Tracer.class, Propagator.class})
public class TaskerTracingAutoConfiguration {

    /** The hook the {@link dev.tasker.dao.pgmq.PgmqClient} bean sends and consumes with. */
    @Bean
    @ConditionalOnMissingBean
    public MessageTracing taskerMessageTracing(Tracer tracer, Propagator propagator) {
        return new MicrometerMessageTracing(tracer, propagator);
    }
}

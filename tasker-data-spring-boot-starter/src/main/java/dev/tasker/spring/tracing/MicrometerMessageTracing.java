package dev.tasker.spring.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link MessageTracing} on Micrometer Tracing (e.g. its OpenTelemetry bridge). Plain Java, no Spring: usable in any
 * application with a {@link Tracer} and a {@link Propagator}, as
 * {@code PgmqClient.using(dataSource).withTracing(new MicrometerMessageTracing(tracer, propagator))}.
 *
 * <ul>
 *   <li>Send: when a span is current, the propagator's fields (with the W3C propagator: {@code traceparent},
 *       {@code tracestate} and {@code baggage} when present) go into each message's headers. Without a current span
 *       nothing is added.</li>
 *   <li>Consume: the handler runs in a span of kind CONSUMER named {@code <queue> process}, child of the context in
 *       the message's headers (a new trace when they carry none), tagged {@code messaging.system=pgmq},
 *       {@code messaging.destination.name=<queue>} and {@code messaging.message.id=<msg id>}; a handler that throws
 *       marks the span with the error.</li>
 * </ul>
 */
public final class MicrometerMessageTracing implements MessageTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    /** Tracing with {@code tracer}, headers written and read by {@code propagator}. */
    public MicrometerMessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
    }

    @Override
    public Map<String, String> headersToSend(String queue) {
        Span current = tracer.currentSpan();
        if (current == null || current.isNoop()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(current.context(), fields, Map::put);
        return fields;
    }

    @Override
    public void aroundHandler(String queue, Message<JsonNode> message, HandlerCall call) throws Exception {
        JsonNode headers = message.headers().orElse(null);
        Span span = propagator.extract(headers, MicrometerMessageTracing::field)
                .name(queue + " process")
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "pgmq")
                .tag("messaging.destination.name", queue)
                .tag("messaging.message.id", Long.toString(message.msgId()))
                .start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            call.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String field(JsonNode headers, String name) {
        if (headers == null || !headers.isObject()) {
            return null;
        }
        JsonNode value = headers.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}

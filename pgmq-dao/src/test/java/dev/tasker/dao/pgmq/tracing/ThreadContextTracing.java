package dev.tasker.dao.pgmq.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real {@link MessageTracing}: the "context" is a string in a thread-local. Sends write it as the header
 * {@value #FIELD} (plus a per-message sequence number); handlers run with the context their message carries.
 */
final class ThreadContextTracing implements MessageTracing {

    static final String FIELD = "traceparent";
    static final String SEQUENCE = "x-seq";

    private final ThreadLocal<String> current = new ThreadLocal<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** Runs {@code work} with {@code context} current. */
    void within(String context, Runnable work) {
        current.set(context);
        try {
            work.run();
        } finally {
            current.remove();
        }
    }

    /** The context current on this thread, or null. */
    String current() {
        return current.get();
    }

    @Override
    public Map<String, String> headersToSend(String queue) {
        String context = current.get();
        return context == null ? Map.of()
                : Map.of(FIELD, context, SEQUENCE, Integer.toString(sequence.incrementAndGet()));
    }

    @Override
    public void aroundHandler(String queue, Message<JsonNode> message, HandlerCall call) throws Exception {
        String previous = current.get();
        current.set(message.headers().map(headers -> headers.path(FIELD).asText(null)).orElse(null));
        try {
            call.proceed();
        } finally {
            current.set(previous);
        }
    }
}

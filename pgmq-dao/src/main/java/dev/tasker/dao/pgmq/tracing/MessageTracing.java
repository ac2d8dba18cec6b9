package dev.tasker.dao.pgmq.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.Message;
import java.util.Map;

/**
 * Carries a trace context through the queue: adds context entries (e.g. W3C {@code traceparent}) to the headers of
 * every message a {@link dev.tasker.dao.pgmq.PgmqClient} sends, and runs a consumer's handler inside the context
 * found in a received message's headers. Install it with {@link dev.tasker.dao.pgmq.PgmqClient#withTracing}; the
 * default, {@link #NONE}, changes nothing.
 *
 * <p>Sending: {@link #headersToSend(String)} is called once per message (so each message of a batch carries its own
 * entries). The entries are added to the caller's headers when those are a JSON object (the caller's own entries
 * win) or become the headers when the caller gave none; headers that are not an object are sent unchanged.
 *
 * <p>Consuming: {@link #aroundHandler(String, Message, HandlerCall)} wraps each handler call of a
 * {@link dev.tasker.dao.pgmq.consumer.PgmqConsumer}, with the raw message and its headers. Implementations must call
 * {@code call.proceed()} exactly once and let its exception through (it decides the message's outcome).
 */
public interface MessageTracing {

    /** Adds nothing and wraps nothing. */
    MessageTracing NONE = new MessageTracing() {
        @Override
        public boolean active() {
            return false;
        }
    };

    /** False for {@link #NONE}: the client and consumer then skip header work entirely. */
    default boolean active() {
        return true;
    }

    /** The entries to add to the headers of one message sent to {@code queue} now; empty for none. */
    default Map<String, String> headersToSend(String queue) {
        return Map.of();
    }

    /**
     * Runs {@code call} (the handler) for {@code message} of {@code queue}, e.g. inside a consumer span that
     * continues the trace whose context its {@link Message#headers()} carry.
     */
    default void aroundHandler(String queue, Message<JsonNode> message, HandlerCall call) throws Exception {
        call.proceed();
    }

    /** The handler call a {@link MessageTracing} wraps. */
    @FunctionalInterface
    interface HandlerCall {

        /** Runs the handler; throws what it threw. */
        void proceed() throws Exception;
    }
}

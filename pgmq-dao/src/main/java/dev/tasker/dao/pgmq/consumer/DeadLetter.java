package dev.tasker.dao.pgmq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.dao.pgmq.Message;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a dead-letter queue message's headers say about the message it was: where it came from and why it failed.
 * A {@link PgmqConsumer} writes these headers (JSON object keys in parentheses) when it dead-letters a message;
 * the payload is the original payload, unchanged.
 *
 * @param originalQueue    the queue the message failed in ({@code original_queue})
 * @param originalMsgId    its id there ({@code original_msg_id})
 * @param attempts         how often it was read there, {@code read_ct} ({@code attempts})
 * @param firstFailureAt   the first failure this consumer saw ({@code first_failure_at}); attempts that failed in
 *                         other consumers or before a restart are not known to it
 * @param lastFailureAt    the failure that dead-lettered it ({@code last_failure_at})
 * @param reason           why it was dead-lettered ({@code reason})
 * @param exceptionClass   the failure's class name ({@code exception_class})
 * @param exceptionMessage the failure's message, empty if it had none ({@code exception_message})
 * @param stackTrace       the failure's stack trace with causes, at most {@value #MAX_STACK_TRACE} characters
 *                         ({@code stack_trace})
 * @param originalHeaders  the original message's headers, if it had any ({@code original_headers})
 */
public record DeadLetter(String originalQueue, long originalMsgId, int attempts, Instant firstFailureAt,
                         Instant lastFailureAt, Reason reason, String exceptionClass, String exceptionMessage,
                         String stackTrace, Optional<JsonNode> originalHeaders) {

    /** The longest stack trace kept in the headers, in characters. */
    public static final int MAX_STACK_TRACE = 4_000;

    /** Why a message was dead-lettered. */
    public enum Reason {
        /** Its attempts ({@code read_ct}) reached {@link RetryPolicy#maxAttempts()}. */
        ATTEMPTS_EXHAUSTED,
        /** The failure was of a {@link RetryPolicy#nonRetryable()} type. */
        NON_RETRYABLE,
        /** Its payload does not map to the handler's type. */
        POISON
    }

    /** The headers object of this dead letter. */
    public ObjectNode toHeaders() {
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        headers.put("original_queue", originalQueue);
        headers.put("original_msg_id", originalMsgId);
        headers.put("attempts", attempts);
        headers.put("first_failure_at", firstFailureAt.toString());
        headers.put("last_failure_at", lastFailureAt.toString());
        headers.put("reason", reason.name());
        headers.put("exception_class", exceptionClass);
        headers.put("exception_message", exceptionMessage);
        headers.put("stack_trace", stackTrace);
        originalHeaders.ifPresent(original -> headers.set("original_headers", original));
        return headers;
    }

    /** The dead letter {@code message}'s headers describe; empty if they are not a consumer's dead-letter headers. */
    public static Optional<DeadLetter> from(Message<?> message) {
        return message.headers().flatMap(DeadLetter::fromHeaders);
    }

    private static Optional<DeadLetter> fromHeaders(JsonNode headers) {
        if (!headers.path("original_queue").isTextual() || !headers.path("original_msg_id").canConvertToLong()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeadLetter(headers.get("original_queue").asText(),
                    headers.get("original_msg_id").asLong(), headers.path("attempts").asInt(),
                    Instant.parse(headers.path("first_failure_at").asText()),
                    Instant.parse(headers.path("last_failure_at").asText()),
                    Reason.valueOf(headers.path("reason").asText()), headers.path("exception_class").asText(),
                    headers.path("exception_message").asText(), headers.path("stack_trace").asText(),
                    Optional.ofNullable(headers.get("original_headers"))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package dev.tasker.dao.pgmq.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasker.dao.pgmq.notify.NotificationEvent.BatchReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.MessageReady;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueCreated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.QueueInsert;
import dev.tasker.dao.pgmq.notify.NotificationEvent.ReadyTruncated;
import dev.tasker.dao.pgmq.notify.NotificationEvent.Unparsed;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a channel and payload into a {@link NotificationEvent}: native insert channels by name, everything else by
 * the payload's {@code event_type}. Never throws for bad payloads; they become {@link Unparsed}.
 */
final class PayloadParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadParser() {
    }

    static NotificationEvent parse(Channel channel, String payload) {
        String text = payload == null ? "" : payload;
        Optional<String> insertQueue = channel.insertQueue();
        if (insertQueue.isPresent()) {
            return new QueueInsert(channel, insertQueue.get());
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (json == null || !json.isObject()) {
                return new Unparsed(channel, text, "payload is not a JSON object");
            }
            String eventType = requiredText(json, "event_type");
            return switch (eventType) {
                case "queue_created" -> new QueueCreated(channel, requiredText(json, "queue_name"),
                        optionalText(json, "namespace"), optionalTime(json, "created_at"));
                case "message_ready", "batch_ready" -> json.path("truncated").asBoolean(false)
                        ? truncated(channel, eventType, json)
                        : ready(channel, eventType, json);
                default -> new Unparsed(channel, text, "unknown event_type '" + eventType + "'");
            };
        } catch (JsonProcessingException e) {
            return new Unparsed(channel, text, "payload is not valid JSON: " + e.getOriginalMessage());
        } catch (MalformedPayload e) {
            return new Unparsed(channel, text, e.getMessage());
        }
    }

    private static NotificationEvent ready(Channel channel, String eventType, JsonNode json) {
        String queue = requiredText(json, "queue_name");
        String namespace = requiredText(json, "namespace");
        Optional<OffsetDateTime> readyAt = optionalTime(json, "ready_at");
        int delay = optionalInt(json, "delay_seconds").orElse(0);
        if (eventType.equals("message_ready")) {
            return new MessageReady(channel, queue, namespace, requiredLong(json, "msg_id"), readyAt, delay);
        }
        List<Long> ids = requiredLongs(json, "msg_ids");
        int count = optionalInt(json, "message_count").orElse(ids.size());
        return new BatchReady(channel, queue, namespace, ids, count, readyAt, delay);
    }

    private static NotificationEvent truncated(Channel channel, String eventType, JsonNode json) {
        return new ReadyTruncated(channel, eventType, requiredText(json, "queue_name"),
                requiredText(json, "namespace"), optionalInt(json, "message_count"), optionalTime(json, "ready_at"),
                optionalInt(json, "delay_seconds").orElse(0));
    }

    private static String requiredText(JsonNode json, String key) {
        return optionalText(json, key).orElseThrow(() -> new MalformedPayload("missing key '" + key + "'"));
    }

    private static Optional<String> optionalText(JsonNode json, String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedPayload("'" + key + "' is not a string: " + node);
        }
        return Optional.of(node.textValue());
    }

    private static long requiredLong(JsonNode json, String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw new MalformedPayload("missing key '" + key + "'");
        }
        return integral(node, key);
    }

    private static OptionalInt optionalInt(JsonNode json, String key) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new MalformedPayload("'" + key + "' is not an integer: " + node);
        }
        return OptionalInt.of(node.intValue());
    }

    private static List<Long> requiredLongs(JsonNode json, String key) {
        JsonNode node = json.get(key);
        if (node == null || !node.isArray()) {
            throw new MalformedPayload("missing array '" + key + "'");
        }
        List<Long> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            values.add(integral(element, key));
        }
        return values;
    }

    private static long integral(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedPayload("'" + key + "' holds a value that is not a 64-bit integer: " + node);
        }
        return node.longValue();
    }

    private static Optional<OffsetDateTime> optionalTime(JsonNode json, String key) {
        Optional<String> text = optionalText(json, key);
        try {
            return text.map(OffsetDateTime::parse);
        } catch (DateTimeParseException e) {
            throw new MalformedPayload("'" + key + "' is not an ISO 8601 timestamp with offset: " + text.get());
        }
    }

    /** A payload that is JSON but not the expected shape. */
    private static final class MalformedPayload extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedPayload(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tasker.dao.pgmq.support.Arguments;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns caller values into JSON text PostgreSQL stores as {@code jsonb}, and JSON from the database back into
 * {@link JsonNode} or a mapped type, with the caller's {@link ObjectMapper}.
 *
 * <p>Accepted values: a {@link JsonNode}; a {@link String}, taken as JSON <em>text</em> (to send a JSON string value,
 * pass a {@code TextNode}); anything else is converted with {@link ObjectMapper#valueToTree(Object)}. Rejected with
 * {@link InvalidPayloadException}: Java null or JSON null, text that is not exactly one JSON value, and content
 * {@code jsonb} cannot hold: U+0000 and unpaired surrogates in strings or keys, NaN and infinite numbers.
 */
final class PayloadCodec {

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;

    PayloadCodec(ObjectMapper mapper) {
        this.mapper = Arguments.required("mapper", mapper);
        this.strictReader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code value} as JSON text for a {@code ?::jsonb} parameter; {@code what} names it in errors. */
    String encode(Object value, String what) {
        JsonNode tree = toTree(value, what);
        checkStorable(tree, what);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text that came from the database; NULL becomes JSON null. */
    JsonNode parse(String json) {
        if (json == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PgmqException("the database returned JSON that cannot be parsed: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code node} mapped to {@code type}; the node itself when {@code type} is {@link JsonNode}. */
    @SuppressWarnings("unchecked")
    <T> T map(JsonNode node, JavaType type) throws JsonProcessingException {
        if (type.getRawClass().isInstance(node)) {
            return (T) node;
        }
        return mapper.treeToValue(node, type);
    }

    private JsonNode toTree(Object value, String what) {
        if (value == null) {
            throw new InvalidPayloadException(what + " must not be null");
        }
        JsonNode tree;
        if (value instanceof JsonNode node) {
            tree = node;
        } else if (value instanceof String text) {
            tree = parseText(text, what);
        } else {
            try {
                tree = mapper.valueToTree(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidPayloadException(what + " of type " + value.getClass().getName()
                        + " cannot be converted to JSON: " + e.getMessage(), e);
            }
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw new InvalidPayloadException(what + " must not be JSON null");
        }
        return tree;
    }

    private JsonNode parseText(String text, String what) {
        try {
            return strictReader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(what + " is not valid JSON text: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidPayloadException(what + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private static void checkStorable(JsonNode root, String what) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> entry = pending.pop();
            String path = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isTextual()) {
                checkText(node.textValue(), what, "string at " + pointer(path));
            } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw new InvalidPayloadException(what + " has the number " + node.asText() + " at "
                        + pointer(path) + ", which JSON cannot represent");
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String fieldPath = path + "/" + field.getKey();
                    checkText(field.getKey(), what, "key at " + pointer(fieldPath));
                    pending.push(Map.entry(fieldPath, field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(path + "/" + i, node.get(i)));
                }
            }
        }
    }

    private static void checkText(String text, String what, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new InvalidPayloadException(what + " contains U+0000 (NUL) in the " + where
                        + "; PostgreSQL jsonb cannot store it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidPayloadException(what + " contains an unpaired UTF-16 surrogate in the " + where
                        + "; it is not valid Unicode");
            }
        }
    }

    private static String pointer(String path) {
        return path.isEmpty() ? "the top level" : path;
    }
}

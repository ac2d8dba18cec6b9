package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.JSONValue;
import org.jooq.tools.json.ParseException;

/** Small JSON text helpers for metadata the DAOs build themselves (no JSON library in the public API). */
public final class JsonText {

    private JsonText() {
    }

    /** {@code value} as a JSON string literal, quotes included, escaped per RFC 8259. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The JSON text of those of {@code keys} that {@code json} has as members, in the order of {@code keys}; empty
     * unless {@code json} is an object. {@code name} names the argument in the error raised when {@code json} is not
     * valid JSON.
     */
    public static Map<String, String> members(String name, JSONB json, String... keys) {
        Object parsed;
        try {
            parsed = new JSONParser().parse(json.data());
        } catch (ParseException | RuntimeException invalid) {
            throw new InvalidArgumentException(name, "not valid JSON: " + invalid.getMessage());
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (parsed instanceof Map<?, ?> object) {
            for (String key : keys) {
                if (object.containsKey(key)) {
                    found.put(key, JSONValue.toJSONString(object.get(key)));
                }
            }
        }
        return found;
    }
}

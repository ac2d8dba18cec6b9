package dev.tasker.dao.tasker.transitions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Helpers the two transition DAOs share. */
final class Transitions {

    private Transitions() {
    }

    /** {@code states} (uuid → database string) with each state parsed by {@code parse}. */
    static <S> Map<UUID, S> parseStates(Map<UUID, String> states, Function<String, S> parse) {
        Map<UUID, S> parsed = new LinkedHashMap<>();
        states.forEach((id, state) -> parsed.put(id, parse.apply(state)));
        return Map.copyOf(parsed);
    }
}

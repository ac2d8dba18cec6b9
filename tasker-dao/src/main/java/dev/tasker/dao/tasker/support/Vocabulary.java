package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The strings a database column or function result uses for the constants of an enum, with a strict lookup
 * that names the vocabulary and the expected values when it meets an unknown string.
 *
 * @param <E> the enum
 */
public final class Vocabulary<E extends Enum<E>> {

    private final String kind;
    private final Map<String, E> byDatabaseValue;

    private Vocabulary(String kind, Map<String, E> byDatabaseValue) {
        this.kind = kind;
        this.byDatabaseValue = byDatabaseValue;
    }

    /** The vocabulary {@code kind} (e.g. "execution status") of {@code type}, each constant spelled {@code spelling}. */
    public static <E extends Enum<E>> Vocabulary<E> of(String kind, Class<E> type, Function<E, String> spelling) {
        return new Vocabulary<>(kind, Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toUnmodifiableMap(spelling, Function.identity())));
    }

    /** The constant spelled {@code value}, if any. */
    public Optional<E> find(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(byDatabaseValue.get(value));
    }

    /** The constant spelled {@code value}, or an {@link InvalidArgumentException} listing the known spellings. */
    public E parse(String value) {
        return find(value).orElseThrow(() -> new InvalidArgumentException(kind, "unknown " + kind + " '" + value
                + "', expected one of " + byDatabaseValue.keySet().stream().sorted().toList()));
    }
}

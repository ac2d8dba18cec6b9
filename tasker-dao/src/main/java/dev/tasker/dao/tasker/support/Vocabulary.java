package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The strings a database column or function result uses for the constants of a {@link DatabaseValue} enum, with
 * a strict lookup that names the vocabulary and the expected values when it meets an unknown string. The one
 * mechanism behind every {@code fromDatabase(String)} of the module.
 *
 * @param <E> the enum
 */
public final class Vocabulary<E extends Enum<E> & DatabaseValue> {

    private final String kind;
    private final Map<String, E> byDatabaseValue;
    private final Map<String, E> aliases;

    private Vocabulary(String kind, Map<String, E> byDatabaseValue, Map<String, E> aliases) {
        this.kind = kind;
        this.byDatabaseValue = byDatabaseValue;
        this.aliases = aliases;
    }

    /** The vocabulary {@code kind} (e.g. "execution status") of {@code type}, each constant its database value. */
    public static <E extends Enum<E> & DatabaseValue> Vocabulary<E> of(String kind, Class<E> type) {
        return new Vocabulary<>(kind, Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toUnmodifiableMap(DatabaseValue::databaseValue, Function.identity())), Map.of());
    }

    /** This vocabulary, also reading the legacy spelling {@code alias} as {@code constant}. */
    public Vocabulary<E> withAlias(String alias, E constant) {
        Map<String, E> more = new HashMap<>(aliases);
        more.put(alias, constant);
        return new Vocabulary<>(kind, byDatabaseValue, Map.copyOf(more));
    }

    /** The constant spelled {@code value} (or an alias of it), if any. */
    public Optional<E> find(String value) {
        return value == null ? Optional.empty()
                : Optional.ofNullable(byDatabaseValue.getOrDefault(value, aliases.get(value)));
    }

    /** The constant spelled {@code value}, or an {@link InvalidArgumentException} listing the known spellings. */
    public E parse(String value) {
        return find(value).orElseThrow(() -> new InvalidArgumentException(kind, "unknown " + kind + " '" + value
                + "', expected one of " + byDatabaseValue.keySet().stream().sorted().toList()));
    }
}

package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.InvalidArgumentException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.UUID;

/** Turns a collection of uuids into the {@code uuid[]} argument of a database function, checked first. */
public final class UuidArrays {

    private UuidArrays() {
    }

    /** The distinct uuids of {@code values} in their first-seen order; null or null elements name {@code name}. */
    public static UUID[] distinct(String name, Collection<UUID> values) {
        return new LinkedHashSet<>(Arguments.noNulls(name, values)).toArray(UUID[]::new);
    }

    /** {@link #distinct(String, Collection)}, and an error naming {@code name} if there are none. */
    public static UUID[] distinctNotEmpty(String name, Collection<UUID> values) {
        UUID[] distinct = distinct(name, values);
        if (distinct.length == 0) {
            throw new InvalidArgumentException(name, "must not be empty");
        }
        return distinct;
    }
}

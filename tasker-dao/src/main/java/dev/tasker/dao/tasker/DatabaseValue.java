package dev.tasker.dao.tasker;

import java.util.Locale;

/**
 * An enum of this module whose constants are stored in (or returned by) the database as strings: the constant's
 * name in lower case, e.g. {@code STEPS_IN_PROCESS} is {@code "steps_in_process"}. Each such enum reads a database
 * string back with its static {@code fromDatabase(String)}, which rejects an unknown string with an
 * {@link InvalidArgumentException} naming the expected spellings.
 */
public interface DatabaseValue {

    /** The enum constant's name (implemented by every enum). */
    String name();

    /** The string the database uses for this constant. */
    default String databaseValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.tasker.dao.tasker.state;

import java.util.Locale;

/** The event names upstream uses, derived from the constants of the events' {@code Signal} enums. */
final class EventNames {

    private EventNames() {
    }

    /** {@code constant}'s name in PascalCase, e.g. {@code NO_STEPS_FOUND} is {@code NoStepsFound}. */
    static String of(Enum<?> constant) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}

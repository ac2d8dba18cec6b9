package dev.tasker.database;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses lower-case labels of this module's enums with one clear error text. */
final class EnumLabels {

    private EnumLabels() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (text == null || text.isBlank()) {
            throw new DatabaseProviderException("No " + what + " given; expected one of: " + accepted);
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new DatabaseProviderException("Unknown " + what + " '" + text + "'; expected one of: " + accepted);
    }
}

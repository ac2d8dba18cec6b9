package dev.tasker.migrator;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which configuration keys count as typos, and the closest known key to suggest. A key under {@code tasker.} in
 * the system properties or a config file must be a setting ({@link ConfigKey#all()}) or one of the project's other
 * properties ({@link #OTHER_PROPERTIES}, the test databases' {@code tasker.db.*}); a config file may hold nothing but
 * settings, spelled as properties. The environment is shared with other programs and is not checked.
 */
final class UnknownKeys {

    /** tasker-data properties that are not settings of this configuration, but not typos either. */
    static final Set<String> OTHER_PROPERTIES = Set.of(MigratorConfiguration.CONFIG_FILE_PROPERTY,
            "tasker.migrator.data-dir", "tasker.migrator.working-dir");
    /** The test databases' properties (database-provider's {@code tasker.db.provider}, {@code tasker.db.url}...). */
    static final String TEST_DATABASE_PREFIX = "tasker.db.";

    private static final int MAX_DISTANCE = 3;

    private UnknownKeys() {
    }

    /** The problem with a system property {@code name}, if it is an unknown {@code tasker.} key. */
    static Optional<String> inSystemProperties(String name) {
        if (!name.startsWith("tasker.") || isSetting(name) || OTHER_PROPERTIES.contains(name)
                || name.startsWith(TEST_DATABASE_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of("Unknown setting '" + name + "' (system property)" + suggestion(name));
    }

    /** The problem with a config file key {@code name}, if it is not a setting. */
    static Optional<String> inConfigFile(String name, String source) {
        if (isSetting(name)) {
            return Optional.empty();
        }
        Optional<ConfigKey> environmentStyle = ConfigKey.all().stream()
                .filter(key -> key.environmentName().equals(name)).findFirst();
        if (environmentStyle.isPresent()) {
            return Optional.of("'" + name + "' (" + source + ") is an environment variable name; a config file "
                    + "spells settings as properties: write " + environmentStyle.get().propertyName() + "=...");
        }
        return Optional.of("Unknown setting '" + name + "' (" + source + ")" + suggestion(name));
    }

    private static boolean isSetting(String name) {
        return ConfigKey.all().stream().anyMatch(key -> key.propertyName().equals(name));
    }

    private static String suggestion(String name) {
        List<String> known = ConfigKey.all().stream().map(ConfigKey::propertyName).toList();
        String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
        Optional<String> closest = known.stream()
                .filter(candidate -> distance(lower, candidate) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate)));
        return "; known settings: " + String.join(", ", known)
                + closest.map(candidate -> ". Did you mean " + candidate + "?").orElse("");
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

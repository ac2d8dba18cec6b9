package dev.tasker.migrator.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the CLI prints durations, instants and counts. */
final class Formats {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 840 ms} below a second, else seconds with two decimals ({@code 2.31 s}). */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /** An instant in UTC to the second, e.g. {@code 2026-01-10 14:03:27Z}; {@code -} when absent. */
    static String instant(Optional<Instant> instant) {
        return instant.map(INSTANT::format).orElse("-");
    }

    /** {@code 1 version}, {@code 12 versions}. */
    static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

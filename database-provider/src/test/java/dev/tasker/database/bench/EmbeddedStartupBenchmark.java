package dev.tasker.database.bench;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.database.EmbeddedPostgresServer;
import dev.tasker.database.EmbeddedServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures embedded-server start times (a benchmark main, not a test):
 * <ul>
 *   <li>cold: binaries unpacked into a fresh working directory, initdb, start, extension installed;</li>
 *   <li>throwaway: binaries already unpacked, initdb, start;</li>
 *   <li>warm: restart of a persistent data directory (no initdb);</li>
 *   <li>provision: creating the two databases of split mode on a running server.</li>
 * </ul>
 * Run: {@code ./mvnw -q -pl database-provider test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.tasker.database.bench.EmbeddedStartupBenchmark -Dexec.args=5}
 */
public final class EmbeddedStartupBenchmark {

    private EmbeddedStartupBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path scratch = Files.createTempDirectory("tasker-startup-bench");
        try {
            // Cold: zonky unpacks binaries into ot.epg.working-dir; point it at an empty directory once.
            System.setProperty("ot.epg.working-dir", scratch.resolve("binaries").toString());
            Duration cold = timeStart(EmbeddedServerOptions.throwaway());

            List<Duration> throwaway = new ArrayList<>();
            List<Duration> warm = new ArrayList<>();
            List<Duration> provision = new ArrayList<>();
            Path persistent = scratch.resolve("persistent");
            timeStart(EmbeddedServerOptions.persistent(persistent)); // initialise the cluster once
            for (int i = 0; i < rounds; i++) {
                throwaway.add(timeStart(EmbeddedServerOptions.throwaway()));
                warm.add(timeStart(EmbeddedServerOptions.persistent(persistent)));
            }
            try (EmbeddedDatabaseProvider provider = EmbeddedDatabaseProvider.throwaway()) {
                for (int i = 0; i < rounds; i++) {
                    long started = System.nanoTime();
                    provider.provision(DatabaseMode.SPLIT);
                    provision.add(Duration.ofNanos(System.nanoTime() - started));
                }
            }
            System.out.printf("cold start (unpack + initdb + start): %d ms%n", cold.toMillis());
            report("throwaway start (initdb + start)", throwaway);
            report("warm start (persistent restart)", warm);
            report("provision split (2 databases)", provision);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Duration timeStart(EmbeddedServerOptions options) {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(options)) {
            return server.startupDuration();
        }
    }

    private static void report(String what, List<Duration> samples) {
        List<Long> millis = samples.stream().map(Duration::toMillis).sorted().toList();
        System.out.printf("%s: median %d ms, min %d ms, max %d ms over %d runs%n", what,
                millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), millis.size());
    }
}

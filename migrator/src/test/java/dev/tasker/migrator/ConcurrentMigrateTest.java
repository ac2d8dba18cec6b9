package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two migrators, each with its own pools, released at the same moment against the same fresh databases: every
 * version is applied exactly once, by one of them; the other reports that it applied nothing.
 */
class ConcurrentMigrateTest extends MigratorTestBase {

    private static final int ROUNDS = 4;

    @ParameterizedTest
    @MethodSource("modes")
    void twoMigratorsAtOnceApplyEveryVersionExactlyOnce(DatabaseMode mode) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ProvisionedDatabases databases = fresh(mode);
            List<MigrationReport> reports = migrateTwiceAtOnce(databases);

            assertThat(reports).allSatisfy(report -> assertThat(report.succeeded()).isTrue());
            assertThat(reports).filteredOn(report -> applied(report) == 14).hasSize(1);
            assertThat(reports).filteredOn(report -> applied(report) == 0).hasSize(1);
            for (MigrationSet set : MigrationSet.values()) {
                var database = set == MigrationSet.TASKER ? databases.tasker() : databases.pgmq();
                assertThat(historyRows(database, set)).as("round %d, %s history rows", round, set.label())
                        .isEqualTo(set.versions().size());
                assertThat(recordedVersions(database, set)).containsExactlyElementsOf(set.versions());
            }
            assertThat(value(databases.tasker(), "SELECT count(*) FROM pg_tables WHERE tablename = 'tasker_tasks'"))
                    .isEqualTo(1L);
            assertThat(value(databases.pgmq(), "SELECT count(*) FROM pg_extension WHERE extname = 'pgmq'"))
                    .isEqualTo(1L);
            assertThat(value(databases.pgmq(), "SELECT count(*) FROM pg_trigger"
                    + " WHERE tgname = 'pgmq_queue_created_trigger'")).isEqualTo(1L);
        }
    }

    private List<MigrationReport> migrateTwiceAtOnce(ProvisionedDatabases databases) throws Exception {
        List<Migrator> migrators = List.of(migrator(databases), migrator(databases));
        CyclicBarrier start = new CyclicBarrier(migrators.size());
        ExecutorService threads = Executors.newFixedThreadPool(migrators.size());
        try {
            List<Future<MigrationReport>> runs = new ArrayList<>();
            for (Migrator migrator : migrators) {
                runs.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return migrator.migrate();
                }));
            }
            List<MigrationReport> reports = new ArrayList<>();
            for (Future<MigrationReport> run : runs) {
                reports.add(run.get(60, TimeUnit.SECONDS));
            }
            return reports;
        } finally {
            threads.shutdownNow();
        }
    }

    private static int applied(MigrationReport report) {
        return report.sets().stream().mapToInt(set -> set.appliedNow().size() + set.adoptedNow().size()).sum();
    }
}

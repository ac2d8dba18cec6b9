package dev.tasker.spring.boot;

import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.MigratorException;
import dev.tasker.migrator.SetReport;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema step of start-up, done before any DAO bean is built: with {@code tasker.migration.on-startup=true}
 * the {@link Migrator} migrates both sets, and a failed migration or a refused preflight fails the context with the
 * Migrator's report; otherwise nothing happens.
 */
public final class StartupMigration {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMigration.class);

    private final Optional<MigrationReport> report;

    private StartupMigration(Optional<MigrationReport> report) {
        this.report = report;
    }

    /**
     * Migrates {@code pools} when {@code enabled}.
     *
     * @throws dev.tasker.migrator.PreflightFailedException listing every problem, when the preflight refused
     * @throws MigratorException naming set, version, database and reason, when a migration failed
     */
    public static StartupMigration run(DatabasePools pools, boolean enabled) {
        if (!enabled) {
            return new StartupMigration(Optional.empty());
        }
        MigrationReport report = Migrator.using(pools).migrate();
        if (!report.succeeded()) {
            throw new MigratorException("Migration on start-up failed (" + report.mode().label() + " mode): "
                    + describe(report));
        }
        LOG.info("Migration on start-up: {}", describe(report));
        return new StartupMigration(Optional.of(report));
    }

    /** The report of the start-up migration; empty when it was not enabled. */
    public Optional<MigrationReport> report() {
        return report;
    }

    /** One line per set: database, applied and adopted versions, pending count and any failure. */
    static String describe(MigrationReport report) {
        return report.sets().stream().map(StartupMigration::describe).collect(Collectors.joining("; "));
    }

    private static String describe(SetReport set) {
        return set.set().label() + " set on " + set.databaseUrl() + ": applied " + set.appliedNow().size()
                + ", adopted " + set.adoptedNow().size() + ", pending " + set.pending().size()
                + set.failure().map(failure -> ", FAILED: " + failure).orElse("");
    }
}

package dev.tasker.migrator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the tasker set to the tasker database and the PGMQ set to the PGMQ database (the same database in
 * single mode), each with its own history, after a preflight of both databases. Safe to run from several
 * processes at once: each database is locked for the whole run, so every version is applied exactly once.
 *
 * <p>Only {@link #migrate()} changes anything; {@link #preflight()}, {@link #dryRun()}, {@link #info()},
 * {@link #validate()} and {@link #facts(PoolRole)} only read.
 */
public final class Migrator {

    /** How long {@link #migrate()} waits by default for another migrator of the same databases to finish. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final DatabasePools pools;
    private final List<DatabaseTarget> targets;
    private final Duration lockTimeout;

    private Migrator(DatabasePools pools, Duration lockTimeout) {
        this.pools = pools;
        this.targets = DatabaseTarget.of(pools);
        this.lockTimeout = lockTimeout;
    }

    /** The distinct databases, each checked to have a pool Flyway can work with. */
    private List<DatabaseTarget> flywayTargets() {
        targets.forEach(DatabaseTarget::requireRoomForFlyway);
        return targets;
    }

    /** A migrator for the databases of {@code pools} (the caller keeps owning and closes them). */
    public static Migrator using(DatabasePools pools) {
        return new Migrator(Objects.requireNonNull(pools, "pools"), DEFAULT_LOCK_TIMEOUT);
    }

    /** The same migrator, waiting at most {@code timeout} for another migrator's lock on a database. */
    public Migrator withLockTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new MigratorException("lock timeout must be positive, got " + timeout);
        }
        return new Migrator(pools, timeout);
    }

    /**
     * Checks every database without changing anything: reachable, extensions offered, privileges, upstream
     * history. Never throws for a problem it finds; each problem is a failed check.
     */
    public PreflightReport preflight() {
        return Preflight.run(pools.mode(), targets);
    }

    /**
     * Preflight, then the tasker set on the tasker pool, then the PGMQ set on the PGMQ pool. A set whose version
     * fails stops the run: its report names the failure and later sets are not attempted.
     *
     * @throws PreflightFailedException when the preflight failed; nothing was changed
     * @throws MigratorException        when a database cannot be locked or read
     */
    public MigrationReport migrate() {
        long start = System.nanoTime();
        flywayTargets();
        requirePreflight();
        List<SetReport> reports = new ArrayList<>();
        try (MigrationLock lock = MigrationLock.acquire(targets, lockTimeout)) {
            boolean failed = false;
            for (DatabaseTarget target : targets) {
                for (MigrationSet set : target.sets()) {
                    SetReport report = failed ? SetRunner.notAttempted(set, target)
                            : SetRunner.run(set, target, readFacts(lock.connection(target), target));
                    failed = failed || !report.succeeded();
                    reports.add(report);
                }
            }
        }
        return new MigrationReport(pools.mode(), reports, since(start));
    }

    /**
     * What {@link #migrate()} would do, changing nothing (not even creating a history table): per set, the
     * versions it would apply ({@link SetReport#appliedNow()}) and adopt ({@link SetReport#adoptedNow()}); the
     * versions' states are as they are now.
     *
     * @throws PreflightFailedException when the preflight failed (migrate would refuse)
     */
    public MigrationReport dryRun() {
        long start = System.nanoTime();
        flywayTargets();
        requirePreflight();
        List<SetReport> reports = new ArrayList<>();
        for (DatabaseTarget target : targets) {
            DatabaseFacts facts = facts(target);
            for (MigrationSet set : target.sets()) {
                long setStart = System.nanoTime();
                List<VersionStatus> versions = SetHistory.versions(set, target.pool(), target.url());
                List<String> unrecorded = versions.stream().filter(version -> !version.recorded())
                        .map(VersionStatus::version).toList();
                boolean adopts = UpstreamAdoption.plan(set, target.sets(), facts).adopts();
                reports.add(new SetReport(set, target.url(), versions, adopts ? List.of() : unrecorded,
                        adopts ? unrecorded : List.of(), Optional.empty(), since(setStart)));
            }
        }
        return new MigrationReport(pools.mode(), reports, since(start));
    }

    /**
     * Per set, which versions are applied, adopted, pending or failed. Changes nothing.
     *
     * @throws MigratorException naming the database (password masked) when it cannot be reached
     */
    public MigrationReport info() {
        long start = System.nanoTime();
        List<SetReport> reports = new ArrayList<>();
        for (DatabaseTarget target : flywayTargets()) {
            probe(target);
            for (MigrationSet set : target.sets()) {
                reports.add(SetRunner.notAttempted(set, target));
            }
        }
        return new MigrationReport(pools.mode(), reports, since(start));
    }

    /**
     * Compares each set's history with the migration files: checksums of recorded versions, recorded versions
     * the files no longer have, failed versions. Changes nothing.
     *
     * @throws MigratorException naming the database (password masked) when it cannot be reached
     */
    public ValidationReport validate() {
        List<SetValidation> validations = new ArrayList<>();
        for (DatabaseTarget target : flywayTargets()) {
            probe(target);
            for (MigrationSet set : target.sets()) {
                validations.add(SetValidator.validate(set, target));
            }
        }
        return new ValidationReport(pools.mode(), validations);
    }

    /**
     * What the database playing {@code database} tells about itself and the connecting role (for doctor).
     *
     * @throws MigratorException naming the database (password masked) and the driver's reason when it cannot be
     *                           reached
     */
    public DatabaseFacts facts(PoolRole database) {
        Objects.requireNonNull(database, "database");
        return facts(targets.stream().filter(target -> target.sets().stream()
                .anyMatch(set -> set.database() == database)).findFirst().orElseThrow());
    }

    private void requirePreflight() {
        PreflightReport report = preflight();
        if (!report.passed()) {
            throw new PreflightFailedException(report);
        }
    }

    private static DatabaseFacts facts(DatabaseTarget target) {
        try (Connection connection = target.connect()) {
            return readFacts(connection, target);
        } catch (SQLException e) {
            throw new MigratorException("cannot close the connection to " + target.url() + ": " + e.getMessage(), e);
        }
    }

    private static DatabaseFacts readFacts(Connection connection, DatabaseTarget target) {
        try {
            return FactsReader.read(connection, target.url());
        } catch (SQLException e) {
            throw new MigratorException("cannot read the catalog of the " + target.describe() + " " + target.url()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void probe(DatabaseTarget target) {
        try (Connection ignored = target.connect()) {
            // Reachable: the pool will get its connections too.
        } catch (SQLException e) {
            throw new MigratorException("cannot close the connection to " + target.url() + ": " + e.getMessage(), e);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

package dev.tasker.migrator;

import java.util.Objects;

/**
 * Applies the tasker set to the tasker database and the PGMQ set to the PGMQ database (the same database in
 * single mode), each with its own history, after a preflight of both databases. Safe to run from several
 * processes at once: each database is locked for the whole run, so every version is applied exactly once.
 *
 * <p>Only {@link #migrate()} changes anything; {@link #preflight()}, {@link #dryRun()}, {@link #info()},
 * {@link #validate()} and {@link #facts(PoolRole)} only read.
 */
public final class Migrator {

    private final DatabasePools pools;

    private Migrator(DatabasePools pools) {
        this.pools = pools;
    }

    /** A migrator for the databases of {@code pools} (the caller keeps owning and closes them). */
    public static Migrator using(DatabasePools pools) {
        return new Migrator(Objects.requireNonNull(pools, "pools"));
    }

    /**
     * Checks every database without changing anything: reachable, extensions offered, privileges, upstream
     * history. Never throws for a problem it finds; each problem is a failed check.
     */
    public PreflightReport preflight() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Preflight, then the tasker set on the tasker pool, then the PGMQ set on the PGMQ pool. A set whose version
     * fails stops the run: its report names the failure and later sets are not attempted.
     *
     * @throws PreflightFailedException when the preflight failed; nothing was changed
     * @throws MigratorException        when a database cannot be locked or read
     */
    public MigrationReport migrate() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * What {@link #migrate()} would do, changing nothing (not even creating a history table): per set, the
     * versions it would apply ({@link SetReport#appliedNow()}) and adopt ({@link SetReport#adoptedNow()}).
     *
     * @throws PreflightFailedException when the preflight failed (migrate would refuse)
     */
    public MigrationReport dryRun() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Per set, which versions are applied, adopted, pending or failed. Changes nothing.
     *
     * @throws MigratorException naming the database (password masked) when it cannot be reached
     */
    public MigrationReport info() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Compares each set's history with the migration files: checksums of recorded versions, recorded versions
     * the files no longer have, failed versions. Changes nothing.
     *
     * @throws MigratorException naming the database (password masked) when it cannot be reached
     */
    public ValidationReport validate() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * What the database playing {@code database} tells about itself and the connecting role (for doctor).
     *
     * @throws MigratorException naming the database (password masked) and the driver's reason when it cannot be
     *                           reached
     */
    public DatabaseFacts facts(PoolRole database) {
        throw new UnsupportedOperationException("in progress");
    }
}

package dev.tasker.spring.boot;

import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.SetReport;
import dev.tasker.migrator.VersionStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The schema's migrations ({@link Migrator#info()}, which only reads): UP when both sets are fully applied;
 * OUT_OF_SERVICE when versions are pending: the databases are reachable but the schema is older than this
 * application expects, so the instance should not take work until the migrator ran (a deployment step, not an
 * outage); DOWN when a version failed (it needs an operator).
 */
public final class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final DatabasePools pools;

    /** Reads the histories of the databases of {@code pools}. */
    public MigrationsHealthIndicator(DatabasePools pools) {
        super("cannot read the migration histories");
        this.pools = pools;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MigrationReport report = Migrator.using(pools).info();
        boolean pending = false;
        boolean failed = false;
        for (SetReport set : report.sets()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("database", set.databaseUrl());
            details.put("applied", set.applied().size());
            details.put("pending", set.pending().stream().map(VersionStatus::version).toList());
            details.put("failed", set.failed().stream().map(VersionStatus::version).toList());
            builder.withDetail(set.set().label(), details);
            pending |= !set.pending().isEmpty();
            failed |= !set.failed().isEmpty();
        }
        builder.withDetail("mode", report.mode().label());
        if (failed) {
            builder.down().withDetail("reason", "a migration failed: fix it and re-run the migrator");
        } else if (pending) {
            builder.outOfService().withDetail("reason", "migrations are pending: run the migrator"
                    + " (or tasker.migration.on-startup=true)");
        } else {
            builder.up();
        }
    }
}

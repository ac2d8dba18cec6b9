package dev.tasker.migrator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Migrates one set in one database, under the {@link MigrationLock}: adopts upstream's history when the plan says
 * so, then applies what is pending through the database's pool. Failures become the report's {@code failure};
 * nothing thrown by Flyway leaves this class.
 */
final class SetRunner {

    private SetRunner() {
    }

    /** Runs {@code set} in {@code target}, whose facts were read under the lock. */
    static SetReport run(MigrationSet set, DatabaseTarget target, DatabaseFacts facts) {
        long start = System.nanoTime();
        List<String> before = SetHistory.recorded(SetHistory.versions(set, target.pool(), target.url()));
        AdoptionPlan plan = UpstreamAdoption.plan(set, target.sets(), facts);
        List<String> adopted = List.of();
        Optional<String> failure = Optional.empty();
        Optional<String> failedVersion = Optional.empty();
        try {
            if (plan.refuses()) {
                failure = Optional.of(failed(set, target, plan.detail()));
            } else {
                if (plan.adopts()) {
                    adopted = adopt(set, target, facts, plan);
                }
                set.migrate(target.pool());
            }
        } catch (FlywayMigrateException e) {
            failedVersion = Optional.ofNullable(e.getMigration()).map(MigrationInfo::getVersion)
                    .map(version -> version.getVersion());
            failure = Optional.of(failedAt(set, target, e));
        } catch (FlywayValidateException e) {
            failure = Optional.of(failed(set, target, "its history in " + set.historyTable() + " does not match the"
                    + " migration files (run validate for the details): " + FlywayErrors.reason(e)));
        } catch (FlywayException | MigratorException e) {
            failure = Optional.of(failed(set, target, FlywayErrors.reason(e)));
        }
        List<VersionStatus> versions = markFailed(SetHistory.versions(set, target.pool(), target.url()),
                failedVersion);
        List<String> appliedNow = new ArrayList<>(SetHistory.recorded(versions));
        appliedNow.removeAll(before);
        appliedNow.removeAll(adopted);
        return new SetReport(set, target.url(), versions, appliedNow, adopted, failure,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** A report for a set a run did not attempt because an earlier set failed: its versions as they are. */
    static SetReport notAttempted(MigrationSet set, DatabaseTarget target) {
        return new SetReport(set, target.url(), SetHistory.versions(set, target.pool(), target.url()), List.of(),
                List.of(), Optional.empty(), Duration.ZERO);
    }

    /**
     * Records every version of the set without running it (Flyway computes the checksums from the files), marked
     * as adopted, and checks that every version is recorded.
     */
    private static List<String> adopt(MigrationSet set, DatabaseTarget target, DatabaseFacts facts,
                                      AdoptionPlan plan) {
        set.configure(target.pool())
                .skipExecutingMigrations(true)
                .installedBy(SetHistory.adoptedBy(facts.currentUser()))
                .load()
                .migrate();
        List<String> recorded = SetHistory.recorded(SetHistory.versions(set, target.pool(), target.url()));
        if (!recorded.containsAll(plan.versions())) {
            List<String> missing = new ArrayList<>(plan.versions());
            missing.removeAll(recorded);
            throw new MigratorException("adopting upstream's history recorded only part of the set; missing "
                    + String.join(", ", missing));
        }
        return plan.versions();
    }

    private static String failedAt(MigrationSet set, DatabaseTarget target, FlywayMigrateException e) {
        MigrationInfo migration = e.getMigration();
        if (migration == null || migration.getVersion() == null) {
            return failed(set, target, FlywayErrors.reason(e));
        }
        String version = migration.getVersion().getVersion();
        return "The " + set.label() + " set failed at version " + version + " (" + migration.getDescription()
                + ") in " + target.url() + ": " + FlywayErrors.reason(e) + ". The versions before it stay applied"
                + " and nothing of " + version + " was kept; fix the cause and run migrate again";
    }

    private static String failed(MigrationSet set, DatabaseTarget target, String reason) {
        return "The " + set.label() + " set failed in " + target.url() + ": " + reason;
    }

    private static List<VersionStatus> markFailed(List<VersionStatus> versions, Optional<String> failedVersion) {
        return versions.stream()
                .map(status -> failedVersion.filter(status.version()::equals).isPresent()
                        && status.state() == VersionState.PENDING
                        ? new VersionStatus(status.version(), status.description(), VersionState.FAILED,
                        status.installedOn())
                        : status)
                .toList();
    }
}

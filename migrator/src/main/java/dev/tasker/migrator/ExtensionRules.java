package dev.tasker.migrator;

import static dev.tasker.migrator.PreflightCheck.PGMQ_EXTENSION;
import static dev.tasker.migrator.PreflightCheck.PGMQ_VERSION;
import static dev.tasker.migrator.PreflightCheck.UUID_V7;
import static dev.tasker.migrator.PreflightCheck.failed;
import static dev.tasker.migrator.PreflightCheck.passed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The preflight's extension checks: pg_uuidv7 (or PostgreSQL 18) for the tasker set, pgmq for the PGMQ set. */
final class ExtensionRules {

    /** The oldest pgmq the PGMQ set works with (it writes the headers column pgmq 1.5 added). */
    static final List<Integer> MINIMUM_PGMQ = List.of(1, 5, 1);

    private static final int POSTGRESQL_18 = 180_000;

    private ExtensionRules() {
    }

    /** The extension checks that apply to this database. */
    static List<PreflightCheck> checks(PlannedRun run) {
        List<PreflightCheck> checks = new ArrayList<>();
        if (run.holds(MigrationSet.TASKER)) {
            checks.add(uuidV7(run.facts()));
        }
        if (run.holds(MigrationSet.PGMQ)) {
            checks.add(pgmq(run));
            pgmqVersion(run.facts().extension(DatabaseFacts.PGMQ)).ifPresent(checks::add);
        }
        return checks;
    }

    /** True when the connecting role may create {@code extension} here. */
    static boolean mayCreate(DatabaseFacts facts, ExtensionFacts extension) {
        return facts.superuser() || (!extension.superuserOnly() || extension.trusted()) && facts.createOnDatabase();
    }

    private static PreflightCheck uuidV7(DatabaseFacts facts) {
        ExtensionFacts uuidv7 = facts.extension(DatabaseFacts.PG_UUIDV7);
        if (uuidv7.installed()) {
            return passed(PoolRole.TASKER, UUID_V7, "pg_uuidv7 " + uuidv7.installedVersion().get() + " is installed");
        }
        if (facts.uuidGenerateV7()) {
            return passed(PoolRole.TASKER, UUID_V7, "uuid_generate_v7() already exists");
        }
        if (uuidv7.offered() && mayCreate(facts, uuidv7)) {
            return passed(PoolRole.TASKER, UUID_V7, "pg_uuidv7 " + uuidv7.defaultVersion().get()
                    + " is offered and will be created");
        }
        if (facts.serverVersionNumber() >= POSTGRESQL_18) {
            return passed(PoolRole.TASKER, UUID_V7, "uuid_generate_v7() will call the built-in uuidv7() of"
                    + " PostgreSQL " + facts.serverVersion());
        }
        if (uuidv7.offered()) {
            return failed(PoolRole.TASKER, UUID_V7, "pg_uuidv7 is offered but role " + facts.currentUser()
                    + " may not create it, and PostgreSQL " + facts.serverVersion() + " has no built-in uuidv7():"
                    + " have a superuser run CREATE EXTENSION pg_uuidv7 in database " + facts.database()
                    + ", or use PostgreSQL 18 or later");
        }
        return failed(PoolRole.TASKER, UUID_V7, "PostgreSQL " + facts.serverVersion() + " offers no pg_uuidv7"
                + " extension and has no built-in uuidv7() (PostgreSQL 18 added it): install the pg_uuidv7 extension"
                + " on this server (https://github.com/fboulnois/pg_uuidv7), or use PostgreSQL 18 or later");
    }

    private static PreflightCheck pgmq(PlannedRun run) {
        DatabaseFacts facts = run.facts();
        ExtensionFacts pgmq = facts.extension(DatabaseFacts.PGMQ);
        if (pgmq.installed()) {
            return passed(PoolRole.PGMQ, PGMQ_EXTENSION, "pgmq " + pgmq.installedVersion().get() + " is installed");
        }
        if (!run.runs(MigrationSet.PGMQ, MigrationSet.PGMQ.versions().getFirst())) {
            return failed(PoolRole.PGMQ, PGMQ_EXTENSION, "the pgmq set is recorded as applied but the pgmq extension"
                    + " is not installed in database " + facts.database() + " (was it dropped?): have a superuser"
                    + " run CREATE EXTENSION pgmq there");
        }
        if (!pgmq.offered()) {
            return failed(PoolRole.PGMQ, PGMQ_EXTENSION, "the server does not offer the pgmq extension (it is not in"
                    + " pg_available_extensions): install pgmq 1.5.1 or later on the server of " + facts.databaseUrl()
                    + ", or use a PGMQ database on a server that has it");
        }
        if (!facts.superuser() && pgmq.superuserOnly() && !pgmq.trusted()) {
            return failed(PoolRole.PGMQ, PGMQ_EXTENSION, "pgmq " + pgmq.defaultVersion().get() + " is offered, but"
                    + " only a superuser may create it and role " + facts.currentUser() + " is not one: have a"
                    + " superuser run CREATE EXTENSION pgmq in database " + facts.database() + " (and grant "
                    + facts.currentUser() + " USAGE and CREATE on schema pgmq and all privileges on its tables and"
                    + " sequences), or migrate as a superuser");
        }
        return passed(PoolRole.PGMQ, PGMQ_EXTENSION, "pgmq " + pgmq.defaultVersion().get()
                + " is offered and will be created");
    }

    private static Optional<PreflightCheck> pgmqVersion(ExtensionFacts pgmq) {
        Optional<String> version = pgmq.effectiveVersion();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> comparison = compare(version.get(), MINIMUM_PGMQ);
        if (comparison.isEmpty()) {
            return Optional.of(PreflightCheck.warning(PoolRole.PGMQ, PGMQ_VERSION,
                    "cannot tell whether pgmq version " + version.get() + " is 1.5.1 or later"));
        }
        if (comparison.get() >= 0) {
            return Optional.of(passed(PoolRole.PGMQ, PGMQ_VERSION, "pgmq " + version.get()
                    + (pgmq.installed() ? "" : " (default version)") + " is 1.5.1 or later"));
        }
        return Optional.of(failed(PoolRole.PGMQ, PGMQ_VERSION, pgmq.installed()
                ? "pgmq " + version.get() + " is installed but the PGMQ set needs 1.5.1 or later: install a newer"
                + " pgmq on the server and run ALTER EXTENSION pgmq UPDATE"
                : "the server offers pgmq " + version.get() + " but the PGMQ set needs 1.5.1 or later: install a"
                + " newer pgmq on the server"));
    }

    /** Compares a dotted version with {@code minimum}; empty when the text does not start with numbers. */
    static Optional<Integer> compare(String version, List<Integer> minimum) {
        String[] parts = version.split("[.\\-+ ]");
        for (int index = 0; index < minimum.size(); index++) {
            int part;
            if (index >= parts.length) {
                part = 0;
            } else if (parts[index].matches("\\d{1,9}")) {
                part = Integer.parseInt(parts[index]);
            } else {
                return Optional.empty();
            }
            if (part != minimum.get(index)) {
                return Optional.of(Integer.compare(part, minimum.get(index)));
            }
        }
        return Optional.of(0);
    }
}

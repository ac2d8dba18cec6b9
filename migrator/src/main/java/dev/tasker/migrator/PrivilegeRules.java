package dev.tasker.migrator;

import static dev.tasker.migrator.PreflightCheck.CREATE_ON_DATABASE;
import static dev.tasker.migrator.PreflightCheck.CREATE_ON_SCHEMA_PUBLIC;
import static dev.tasker.migrator.PreflightCheck.TRIGGER_ON_PGMQ_META;
import static dev.tasker.migrator.PreflightCheck.failed;
import static dev.tasker.migrator.PreflightCheck.passed;

import java.util.ArrayList;
import java.util.List;

/**
 * The preflight's privilege checks. Each requirement is checked where the run needs it: CREATE on the database
 * to create the pgmq extension (its schema), CREATE on schema public for the sets' objects and history tables,
 * and TRIGGER on {@code pgmq.meta} when another role installed pgmq.
 */
final class PrivilegeRules {

    private static final String NOTIFICATIONS_VERSION = MigrationSet.PGMQ.versions().getLast();

    private PrivilegeRules() {
    }

    /** The privilege checks that apply to this database. */
    static List<PreflightCheck> checks(PlannedRun run) {
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(createOnDatabase(run));
        checks.add(createOnSchemaPublic(run));
        DatabaseFacts facts = run.facts();
        if (run.holds(MigrationSet.PGMQ) && facts.extension(DatabaseFacts.PGMQ).installed()
                && run.runs(MigrationSet.PGMQ, NOTIFICATIONS_VERSION)) {
            checks.add(triggerOnPgmqMeta(facts));
        }
        return checks;
    }

    private static PreflightCheck createOnDatabase(PlannedRun run) {
        DatabaseFacts facts = run.facts();
        String role = facts.currentUser();
        if (facts.superuser() || facts.createOnDatabase()) {
            return passed(run.role(), CREATE_ON_DATABASE, granted(facts));
        }
        boolean pgmqToCreate = run.holds(MigrationSet.PGMQ) && !facts.extension(DatabaseFacts.PGMQ).installed()
                && run.runs(MigrationSet.PGMQ, MigrationSet.PGMQ.versions().getFirst());
        if (pgmqToCreate) {
            return failed(run.role(), CREATE_ON_DATABASE, "role " + role + " may not create schemas in database "
                    + facts.database() + ", and creating the pgmq extension needs that: GRANT CREATE ON DATABASE "
                    + facts.database() + " TO " + role + ", or have a superuser run CREATE EXTENSION pgmq there"
                    + " first");
        }
        return passed(run.role(), CREATE_ON_DATABASE, "not granted to role " + role + ", and not needed: "
                + (run.holds(MigrationSet.PGMQ) ? "pgmq is installed" : "the tasker set creates objects in schema"
                + " public only"));
    }

    private static PreflightCheck createOnSchemaPublic(PlannedRun run) {
        DatabaseFacts facts = run.facts();
        String role = facts.currentUser();
        if (facts.superuser() || facts.createOnSchemaPublic()) {
            return passed(run.role(), CREATE_ON_SCHEMA_PUBLIC, granted(facts));
        }
        if (run.writes()) {
            return failed(run.role(), CREATE_ON_SCHEMA_PUBLIC, "role " + role + " may not create objects in schema"
                    + " public of database " + facts.database() + " (PostgreSQL 15 and later grant that only to"
                    + " the database owner, here " + facts.databaseOwner() + "): GRANT CREATE ON SCHEMA public TO "
                    + role + ", or migrate as " + facts.databaseOwner());
        }
        return passed(run.role(), CREATE_ON_SCHEMA_PUBLIC, "not granted to role " + role
                + ", and not needed: every version is recorded");
    }

    private static PreflightCheck triggerOnPgmqMeta(DatabaseFacts facts) {
        String role = facts.currentUser();
        if (facts.superuser() || facts.triggerOnPgmqMeta()) {
            return passed(PoolRole.PGMQ, TRIGGER_ON_PGMQ_META, granted(facts));
        }
        return failed(PoolRole.PGMQ, TRIGGER_ON_PGMQ_META, "role " + role + " may not create trigger"
                + " pgmq_queue_created_trigger on pgmq.meta (pgmq was installed by another role): GRANT USAGE, CREATE"
                + " ON SCHEMA pgmq TO " + role + "; GRANT ALL ON ALL TABLES IN SCHEMA pgmq TO " + role + "; GRANT ALL"
                + " ON ALL SEQUENCES IN SCHEMA pgmq TO " + role + " (or install pgmq as " + role + ")");
    }

    private static String granted(DatabaseFacts facts) {
        return facts.superuser() ? "role " + facts.currentUser() + " is a superuser"
                : "granted to role " + facts.currentUser();
    }
}

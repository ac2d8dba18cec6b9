package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasker.database.DatabaseMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preflight's decisions on synthetic facts: servers and roles CI cannot provide. */
class PreflightRulesTest {

    private static final List<MigrationSet> TASKER_ONLY = List.of(MigrationSet.TASKER);
    private static final List<MigrationSet> PGMQ_ONLY = List.of(MigrationSet.PGMQ);
    private static final List<MigrationSet> BOTH = List.of(MigrationSet.TASKER, MigrationSet.PGMQ);

    @Test
    void postgresql15WithoutPgUuidv7FailsNamingBothRemedies() {
        DatabaseFacts facts = SyntheticFacts.fresh().server("15.8", 150008).build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.UUID_V7)).isEqualTo(PreflightCheck.failed(PoolRole.TASKER,
                PreflightCheck.UUID_V7, "PostgreSQL 15.8 offers no pg_uuidv7 extension and has no built-in uuidv7()"
                        + " (PostgreSQL 18 added it): install the pg_uuidv7 extension on this server"
                        + " (https://github.com/fboulnois/pg_uuidv7), or use PostgreSQL 18 or later"));
    }

    @Test
    void postgresql15OfferingPgUuidv7Passes() {
        DatabaseFacts facts = SyntheticFacts.fresh().server("15.8", 150008)
                .uuidv7(SyntheticFacts.offered("pg_uuidv7", "1.6", true, false)).build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.UUID_V7).detail())
                .isEqualTo("pg_uuidv7 1.6 is offered and will be created");
    }

    @Test
    void postgresql15OfferingPgUuidv7ToSuperusersOnlyFailsForAnotherRole() {
        DatabaseFacts facts = SyntheticFacts.fresh().server("15.8", 150008).plainRole("app")
                .createOnSchemaPublic(true).uuidv7(SyntheticFacts.offered("pg_uuidv7", "1.6", true, false)).build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.UUID_V7).detail()).isEqualTo("pg_uuidv7 is offered but"
                + " role app may not create it, and PostgreSQL 15.8 has no built-in uuidv7(): have a superuser run"
                + " CREATE EXTENSION pg_uuidv7 in database tasker, or use PostgreSQL 18 or later");
    }

    @Test
    void postgresql15WithAnExistingUuidGenerateV7Passes() {
        DatabaseFacts facts = SyntheticFacts.fresh().server("15.8", 150008).uuidGenerateV7Exists().build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.UUID_V7).status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void postgresql18UsesTheBuiltInUuidv7() {
        DatabaseFacts facts = SyntheticFacts.fresh().build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.UUID_V7)).isEqualTo(PreflightCheck.passed(PoolRole.TASKER,
                PreflightCheck.UUID_V7, "uuid_generate_v7() will call the built-in uuidv7() of PostgreSQL 18.6"));
    }

    @Test
    void aServerWithoutPgmqFailsNamingWhatToInstall() {
        DatabaseFacts facts = SyntheticFacts.fresh().pgmq(ExtensionFacts.absent("pgmq")).build();

        List<PreflightCheck> checks = PreflightRules.checks(facts, PGMQ_ONLY);

        assertThat(find(checks, PreflightCheck.PGMQ_EXTENSION)).isEqualTo(PreflightCheck.failed(PoolRole.PGMQ,
                PreflightCheck.PGMQ_EXTENSION, "the server does not offer the pgmq extension (it is not in"
                        + " pg_available_extensions): install pgmq 1.5.1 or later on the server of "
                        + SyntheticFacts.URL + ", or use a PGMQ database on a server that has it"));
        assertThat(checks).extracting(PreflightCheck::name).doesNotContain(PreflightCheck.PGMQ_VERSION);
    }

    @Test
    void pgmqForSuperusersOnlyFailsForAnotherRole() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").createOnDatabase(true)
                .createOnSchemaPublic(true).pgmq(SyntheticFacts.offered("pgmq", "1.5.1", true, false)).build();

        assertThat(check(facts, PGMQ_ONLY, PreflightCheck.PGMQ_EXTENSION).detail()).isEqualTo("pgmq 1.5.1 is"
                + " offered, but only a superuser may create it and role app is not one: have a superuser run"
                + " CREATE EXTENSION pgmq in database tasker (and grant app USAGE and CREATE on schema pgmq and all"
                + " privileges on its tables and sequences), or migrate as a superuser");
    }

    @Test
    void aTrustedPgmqPassesForARoleWithCreateOnTheDatabase() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").createOnDatabase(true)
                .createOnSchemaPublic(true).pgmq(SyntheticFacts.offered("pgmq", "1.5.1", true, true)).build();

        assertThat(PreflightRules.checks(facts, PGMQ_ONLY)).allSatisfy(check ->
                assertThat(check.status()).isEqualTo(CheckStatus.PASSED));
    }

    @ParameterizedTest
    @CsvSource({
            "1.4.4, false, FAILED, the server offers pgmq 1.4.4 but the PGMQ set needs 1.5.1 or later: install a newer pgmq on the server",
            "1.4.0, true, FAILED, pgmq 1.4.0 is installed but the PGMQ set needs 1.5.1 or later: install a newer pgmq on the server and run ALTER EXTENSION pgmq UPDATE",
            "1.5.1, false, PASSED, pgmq 1.5.1 (default version) is 1.5.1 or later",
            "1.11.0, true, PASSED, pgmq 1.11.0 is 1.5.1 or later",
            "2.0, false, PASSED, pgmq 2.0 (default version) is 1.5.1 or later",
            "devel, false, WARNING, cannot tell whether pgmq version devel is 1.5.1 or later"
    })
    void pgmqMustBe151OrLater(String version, boolean installed, CheckStatus status, String detail) {
        SyntheticFacts facts = SyntheticFacts.fresh();
        if (installed) {
            facts.pgmqInstalled(version);
        } else {
            facts.pgmq(SyntheticFacts.offered("pgmq", version, false, false));
        }

        assertThat(check(facts.build(), PGMQ_ONLY, PreflightCheck.PGMQ_VERSION))
                .isEqualTo(new PreflightCheck(PoolRole.PGMQ, PreflightCheck.PGMQ_VERSION, status, detail));
    }

    @Test
    void withoutCreateOnTheDatabaseThePgmqExtensionCannotBeCreated() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").createOnSchemaPublic(true).build();

        assertThat(check(facts, PGMQ_ONLY, PreflightCheck.CREATE_ON_DATABASE).detail()).isEqualTo("role app may not"
                + " create schemas in database tasker, and creating the pgmq extension needs that: GRANT CREATE ON"
                + " DATABASE tasker TO app, or have a superuser run CREATE EXTENSION pgmq there first");
    }

    @Test
    void createOnTheDatabaseIsNotNeededWhenPgmqIsInstalledOrForTheTaskerSet() {
        DatabaseFacts pgmqInstalled = SyntheticFacts.fresh().plainRole("app").createOnSchemaPublic(true)
                .triggerOnPgmqMeta(true).pgmqInstalled("1.11.0").build();
        DatabaseFacts taskerOnly = SyntheticFacts.fresh().plainRole("app").createOnSchemaPublic(true).build();

        assertThat(check(pgmqInstalled, PGMQ_ONLY, PreflightCheck.CREATE_ON_DATABASE)).isEqualTo(
                PreflightCheck.passed(PoolRole.PGMQ, PreflightCheck.CREATE_ON_DATABASE,
                        "not granted to role app, and not needed: pgmq is installed"));
        assertThat(check(taskerOnly, TASKER_ONLY, PreflightCheck.CREATE_ON_DATABASE).status())
                .isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void withoutCreateOnSchemaPublicNothingCanBeMigrated() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").build();

        assertThat(check(facts, TASKER_ONLY, PreflightCheck.CREATE_ON_SCHEMA_PUBLIC).detail()).isEqualTo("role app"
                + " may not create objects in schema public of database tasker (PostgreSQL 15 and later grant that"
                + " only to the database owner, here postgres): GRANT CREATE ON SCHEMA public TO app, or migrate"
                + " as postgres");
    }

    @Test
    void createOnSchemaPublicIsNotNeededWhenEverythingIsRecorded() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").uuidGenerateV7Exists()
                .recorded(MigrationSet.TASKER, MigrationSet.TASKER.versions()).build();

        assertThat(PreflightRules.checks(facts, TASKER_ONLY)).allSatisfy(check ->
                assertThat(check.status()).isEqualTo(CheckStatus.PASSED));
    }

    @Test
    void pgmqInstalledByAnotherRoleNeedsTriggerOnPgmqMeta() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").createOnSchemaPublic(true)
                .pgmqInstalled("1.11.0").build();

        assertThat(check(facts, PGMQ_ONLY, PreflightCheck.TRIGGER_ON_PGMQ_META).detail()).isEqualTo("role app may"
                + " not create trigger pgmq_queue_created_trigger on pgmq.meta (pgmq was installed by another role):"
                + " GRANT USAGE, CREATE ON SCHEMA pgmq TO app; GRANT ALL ON ALL TABLES IN SCHEMA pgmq TO app; GRANT"
                + " ALL ON ALL SEQUENCES IN SCHEMA pgmq TO app (or install pgmq as app)");
    }

    @Test
    void triggerOnPgmqMetaIsNotCheckedOnceTheNotificationsVersionIsRecorded() {
        DatabaseFacts facts = SyntheticFacts.fresh().plainRole("app").pgmqInstalled("1.11.0")
                .recorded(MigrationSet.PGMQ, MigrationSet.PGMQ.versions()).build();

        assertThat(PreflightRules.checks(facts, PGMQ_ONLY)).extracting(PreflightCheck::name)
                .doesNotContain(PreflightCheck.TRIGGER_ON_PGMQ_META);
    }

    @Test
    void aSingleDatabaseIsCheckedOnceWithPgmqChecksFiledUnderPgmq() {
        DatabaseFacts facts = SyntheticFacts.fresh().build();

        List<PreflightCheck> checks = PreflightRules.checks(facts, BOTH);

        assertThat(checks).extracting(PreflightCheck::database, PreflightCheck::name).containsExactly(
                tuple(PoolRole.TASKER, PreflightCheck.UUID_V7),
                tuple(PoolRole.PGMQ, PreflightCheck.PGMQ_EXTENSION),
                tuple(PoolRole.PGMQ, PreflightCheck.PGMQ_VERSION),
                tuple(PoolRole.TASKER, PreflightCheck.CREATE_ON_DATABASE),
                tuple(PoolRole.TASKER, PreflightCheck.CREATE_ON_SCHEMA_PUBLIC));
    }

    @Test
    void everyProblemIsReportedAndTheExceptionNamesThemAll() {
        DatabaseFacts facts = SyntheticFacts.fresh().server("15.8", 150008).plainRole("app")
                .pgmq(ExtensionFacts.absent("pgmq")).build();
        PreflightReport report = new PreflightReport(DatabaseMode.SINGLE, PreflightRules.checks(facts, BOTH));

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(PreflightCheck::name).containsExactly(PreflightCheck.UUID_V7,
                PreflightCheck.PGMQ_EXTENSION, PreflightCheck.CREATE_ON_DATABASE,
                PreflightCheck.CREATE_ON_SCHEMA_PUBLIC);
        PreflightFailedException exception = new PreflightFailedException(report);
        assertThat(exception.report()).isSameAs(report);
        assertThat(exception.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                "Preflight failed with 4 problems; nothing was changed:",
                "  - uuid v7: " + report.failures().get(0).detail(),
                "  - pgmq extension: " + report.failures().get(1).detail(),
                "  - CREATE on database: " + report.failures().get(2).detail(),
                "  - CREATE on schema public: " + report.failures().get(3).detail()));
    }

    @Test
    void inSplitModeTheMessageNamesTheDatabaseOfEachProblem() {
        PreflightReport report = new PreflightReport(DatabaseMode.SPLIT, List.of(
                PreflightCheck.passed(PoolRole.TASKER, PreflightCheck.REACHABLE, "connected"),
                PreflightCheck.failed(PoolRole.PGMQ, PreflightCheck.REACHABLE, "cannot connect")));

        assertThat(new PreflightFailedException(report).getMessage()).isEqualTo("Preflight failed with 1 problem;"
                + " nothing was changed:" + System.lineSeparator() + "  - pgmq database, reachable: cannot connect");
    }

    @Test
    void anUpstreamHistoryGetsOneCheckPerSet() {
        DatabaseFacts facts = SyntheticFacts.fresh().upstream(UpstreamDatabases.COMBINED).build();

        List<PreflightCheck> checks = PreflightRules.checks(facts, BOTH);

        assertThat(checks).filteredOn(check -> check.name().startsWith(PreflightCheck.UPSTREAM_HISTORY))
                .extracting(PreflightCheck::database, PreflightCheck::name, PreflightCheck::status).containsExactly(
                        tuple(PoolRole.TASKER, "upstream history (tasker set)",
                                CheckStatus.PASSED),
                        tuple(PoolRole.PGMQ, "upstream history (pgmq set)",
                                CheckStatus.PASSED));
    }

    private static PreflightCheck check(DatabaseFacts facts, List<MigrationSet> sets, String name) {
        return find(PreflightRules.checks(facts, sets), name);
    }

    private static PreflightCheck find(List<PreflightCheck> checks, String name) {
        Optional<PreflightCheck> check = checks.stream().filter(candidate -> candidate.name().equals(name)).findFirst();
        assertThat(check).as("check %s among %s", name, checks).isPresent();
        return check.get();
    }
}

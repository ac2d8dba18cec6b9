package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The preflight against real databases: what passes, and the problems it names without changing anything. */
class PreflightTest extends MigratorTestBase {

    @ParameterizedTest
    @MethodSource("modes")
    void freshDatabasesPassEveryCheckAndStayEmpty(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);

        PreflightReport report = migrator(databases).preflight();

        assertThat(report.passed()).isTrue();
        assertThat(report.mode()).isEqualTo(mode);
        assertThat(report.checks()).extracting(PreflightCheck::status).containsOnly(CheckStatus.PASSED);
        if (mode == DatabaseMode.SINGLE) {
            assertThat(report.checks()).extracting(PreflightCheck::database, PreflightCheck::name).containsExactly(
                    tuple(PoolRole.TASKER, "reachable"), tuple(PoolRole.TASKER, "uuid v7"),
                    tuple(PoolRole.PGMQ, "pgmq extension"), tuple(PoolRole.PGMQ, "pgmq version"),
                    tuple(PoolRole.TASKER, "CREATE on database"), tuple(PoolRole.TASKER, "CREATE on schema public"));
        } else {
            assertThat(report.checks()).extracting(PreflightCheck::database, PreflightCheck::name).containsExactly(
                    tuple(PoolRole.TASKER, "reachable"), tuple(PoolRole.TASKER, "uuid v7"),
                    tuple(PoolRole.TASKER, "CREATE on database"), tuple(PoolRole.TASKER, "CREATE on schema public"),
                    tuple(PoolRole.PGMQ, "reachable"), tuple(PoolRole.PGMQ, "pgmq extension"),
                    tuple(PoolRole.PGMQ, "pgmq version"), tuple(PoolRole.PGMQ, "CREATE on database"),
                    tuple(PoolRole.PGMQ, "CREATE on schema public"));
        }
        assertThat(report.checks().getFirst().detail()).startsWith("connected to " + databases.tasker().displayUrl());
        assertNothingCreated(databases);
    }

    @Test
    void anUnreachableDatabaseFailsAtOnceNamingTheMaskedUrlAndTheDriversReason() throws Exception {
        DatabaseEndpoint nowhere = TestRoles.unreachable("tasker");
        Migrator migrator = Migrator.using(pools(new DatabaseSettings(nowhere, Optional.empty(), SMALL_POOL,
                SMALL_POOL)));

        PreflightReport report = migrator.preflight();

        String expected = "cannot connect to the database postgresql://migrator:****@localhost:" + nowhere.port()
                + "/tasker: Connection to localhost:" + nowhere.port() + " refused. Check that the hostname and port"
                + " are correct and that the postmaster is accepting TCP/IP connections.";
        assertThat(report.checks()).containsExactly(PreflightCheck.failed(PoolRole.TASKER, "reachable", expected));
        assertThatThrownBy(migrator::migrate).isInstanceOf(PreflightFailedException.class)
                .hasMessage("Preflight failed with 1 problem; nothing was changed:" + System.lineSeparator()
                        + "  - reachable: " + expected)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void inSplitModeAnUnreachablePgmqDatabaseLeavesTheTaskerDatabaseUntouched() throws Exception {
        ProvisionedDatabases databases = fresh(DatabaseMode.SPLIT);
        DatabaseEndpoint nowhere = TestRoles.unreachable("pgmq");
        Migrator migrator = Migrator.using(pools(new DatabaseSettings(databases.tasker(), Optional.of(nowhere),
                SMALL_POOL, SMALL_POOL)));

        assertThatThrownBy(migrator::migrate).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("  - pgmq database, reachable: cannot connect to the pgmq database"
                        + " postgresql://migrator:****@localhost:" + nowhere.port() + "/pgmq: Connection to localhost:"
                        + nowhere.port() + " refused")
                .satisfies(e -> assertThat(((PreflightFailedException) e).report().failures()).hasSize(1));
        assertThat(publicTables(databases.tasker())).isZero();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aRoleWithoutCreateRightsIsRefusedWithEveryGrantItLacks(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        String role = TestRoles.create(databases.tasker());
        Migrator migrator = Migrator.using(pools(asRole(databases, role)));

        PreflightFailedException refused = catchThrowableOfType(PreflightFailedException.class,
                migrator::migrate);

        String taskerDatabase = databases.tasker().database();
        String pgmqDatabase = databases.pgmq().database();
        String noPublic = "role " + role + " may not create objects in schema public of database %s (PostgreSQL 15"
                + " and later grant that only to the database owner, here postgres): GRANT CREATE ON SCHEMA public TO "
                + role + ", or migrate as postgres";
        String noDatabase = "role " + role + " may not create schemas in database " + pgmqDatabase + ", and creating"
                + " the pgmq extension needs that: GRANT CREATE ON DATABASE " + pgmqDatabase + " TO " + role
                + ", or have a superuser run CREATE EXTENSION pgmq there first";
        String nl = System.lineSeparator();
        if (mode == DatabaseMode.SINGLE) {
            assertThat(refused).hasMessage("Preflight failed with 2 problems; nothing was changed:" + nl
                    + "  - CREATE on database: " + noDatabase + nl
                    + "  - CREATE on schema public: " + noPublic.formatted(taskerDatabase));
        } else {
            assertThat(refused).hasMessage("Preflight failed with 3 problems; nothing was changed:" + nl
                    + "  - tasker database, CREATE on schema public: " + noPublic.formatted(taskerDatabase) + nl
                    + "  - pgmq database, CREATE on database: " + noDatabase + nl
                    + "  - pgmq database, CREATE on schema public: " + noPublic.formatted(pgmqDatabase));
        }
        assertNothingCreated(databases);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aDatabaseOwnerThatIsNoSuperuserCreatesPgmqItselfAndMigrates(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        String role = TestRoles.create(databases.tasker());
        TestRoles.ownDatabase(databases.tasker(), role);
        TestRoles.ownDatabase(databases.pgmq(), role);
        Migrator migrator = Migrator.using(pools(asRole(databases, role)));

        assertThat(migrator.preflight().passed()).isTrue();
        MigrationReport report = migrator.migrate();

        assertThat(report.succeeded()).isTrue();
        assertThat(recordedVersions(databases.pgmq(), MigrationSet.PGMQ))
                .containsExactlyElementsOf(MigrationSet.PGMQ.versions());
        assertThat(value(databases.pgmq(), "SELECT pg_get_userbyid(extowner)::text FROM pg_extension"
                + " WHERE extname = 'pgmq'")).isEqualTo(role);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void pgmqInstalledByASuperuserNeedsTriggerOnPgmqMetaForTheRole(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        String role = TestRoles.create(databases.tasker());
        TestRoles.ownDatabase(databases.tasker(), role);
        TestRoles.ownDatabase(databases.pgmq(), role);
        execute(databases.pgmq(), "CREATE EXTENSION pgmq");
        Migrator migrator = Migrator.using(pools(asRole(databases, role)));

        PreflightReport refused = migrator.preflight();

        assertThat(refused.failures()).containsExactly(PreflightCheck.failed(PoolRole.PGMQ, "TRIGGER on pgmq.meta",
                "role " + role + " may not create trigger pgmq_queue_created_trigger on pgmq.meta (pgmq was installed"
                        + " by another role): GRANT USAGE, CREATE ON SCHEMA pgmq TO " + role + "; GRANT ALL ON ALL"
                        + " TABLES IN SCHEMA pgmq TO " + role + "; GRANT ALL ON ALL SEQUENCES IN SCHEMA pgmq TO "
                        + role + " (or install pgmq as " + role + ")"));
        assertThatThrownBy(migrator::migrate).isInstanceOf(PreflightFailedException.class);
        assertThat(tableExists(databases.pgmq(), MigrationSet.PGMQ.historyTable())).isFalse();

        execute(databases.pgmq(), "GRANT USAGE, CREATE ON SCHEMA pgmq TO " + role,
                "GRANT ALL ON ALL TABLES IN SCHEMA pgmq TO " + role,
                "GRANT ALL ON ALL SEQUENCES IN SCHEMA pgmq TO " + role);

        assertThat(migrator.preflight().passed()).isTrue();
        assertThat(migrator.migrate().succeeded()).isTrue();
        assertThat(value(databases.pgmq(), "SELECT count(*) FROM pg_trigger WHERE tgname = 'pgmq_queue_created_trigger'"
                + " AND tgrelid = 'pgmq.meta'::regclass")).isEqualTo(1L);
    }

    private static DatabaseSettings asRole(ProvisionedDatabases databases, String role) {
        DatabaseEndpoint tasker = TestRoles.as(databases.tasker(), role);
        Optional<DatabaseEndpoint> pgmq = databases.pgmqIsSeparate()
                ? Optional.of(TestRoles.as(databases.pgmq(), role)) : Optional.empty();
        return new DatabaseSettings(tasker, pgmq, SMALL_POOL, SMALL_POOL);
    }

    private static void assertNothingCreated(ProvisionedDatabases databases) throws Exception {
        for (DatabaseEndpoint database : List.of(databases.tasker(), databases.pgmq())) {
            assertThat(publicTables(database)).as("tables in %s", database).isZero();
            assertThat(extensionInstalled(database, "pgmq")).as("pgmq in %s", database).isFalse();
        }
    }
}

package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Migrator#facts} against the catalogs, read with plain SQL. */
class FactsTest extends MigratorTestBase {

    @ParameterizedTest
    @MethodSource("modes")
    void factsOfAFreshDatabaseMatchTheCatalogs(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);

        DatabaseFacts facts = migrator(databases).facts(PoolRole.PGMQ);

        Map<String, Object> server = rows(databases.pgmq(), "SELECT current_setting('server_version') AS version,"
                + " current_setting('server_version_num')::int AS number, current_user::text AS who,"
                + " current_database()::text AS db").getFirst();
        assertThat(facts.databaseUrl()).isEqualTo(databases.pgmq().displayUrl());
        assertThat(facts.serverVersion()).isEqualTo(server.get("version"));
        assertThat(facts.serverVersionNumber()).isEqualTo(server.get("number"));
        assertThat(facts.currentUser()).isEqualTo(server.get("who"));
        assertThat(facts.database()).isEqualTo(server.get("db"));
        assertThat(facts.superuser()).isTrue();
        assertThat(facts.createOnDatabase()).isTrue();
        assertThat(facts.createOnSchemaPublic()).isTrue();
        assertThat(facts.extension("pgmq").defaultVersion()).isEqualTo(Optional.of((String) value(databases.pgmq(),
                "SELECT default_version FROM pg_available_extensions WHERE name = 'pgmq'")));
        assertThat(facts.extension("pgmq").installed()).isFalse();
        assertThat(facts.extension("pg_uuidv7").offered()).isEqualTo(!rows(databases.pgmq(),
                "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_uuidv7'").isEmpty());
        assertThat(facts.triggerOnPgmqMeta()).isFalse();
        assertThat(facts.historyTables()).isEmpty();
        assertThat(facts.hasUpstreamHistory()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("modes")
    void factsOfAMigratedDatabaseListTheHistoriesAndThePgmqVersion(DatabaseMode mode) throws Exception {
        ProvisionedDatabases databases = fresh(mode);
        Migrator migrator = migrator(databases);
        migrator.migrate();

        DatabaseFacts tasker = migrator.facts(PoolRole.TASKER);
        DatabaseFacts pgmq = migrator.facts(PoolRole.PGMQ);

        assertThat(pgmq.extension("pgmq").installedVersion()).isEqualTo(Optional.of((String) value(databases.pgmq(),
                "SELECT extversion FROM pg_extension WHERE extname = 'pgmq'")));
        assertThat(pgmq.triggerOnPgmqMeta()).isTrue();
        assertThat(tasker.uuidGenerateV7()).isTrue();
        assertThat(tasker.history(MigrationSet.TASKER)).hasValue(
                new HistoryTable(MigrationSet.TASKER, MigrationSet.TASKER.versions(), List.of()));
        assertThat(pgmq.history(MigrationSet.PGMQ)).hasValue(
                new HistoryTable(MigrationSet.PGMQ, MigrationSet.PGMQ.versions(), List.of()));
        if (mode == DatabaseMode.SPLIT) {
            assertThat(tasker.historyTables()).extracting(HistoryTable::set).containsExactly(MigrationSet.TASKER);
            assertThat(tasker.extension("pgmq").installed()).isFalse();
        } else {
            assertThat(tasker).isEqualTo(pgmq);
        }
    }

    @Test
    void upstreamHistoryRowsAreRead() throws Exception {
        ProvisionedDatabases databases = fresh(DatabaseMode.SPLIT);
        UpstreamDatabases.simulate(databases.pgmq(), MigrationSet.PGMQ.versions(), Set.of("20250826180921"));

        DatabaseFacts facts = migrator(databases).facts(PoolRole.PGMQ);

        assertThat(facts.upstreamHistory()).hasValue(List.of(
                new UpstreamVersion(20250810140001L, "upstream 20250810140001", true),
                new UpstreamVersion(20250826180921L, "upstream 20250826180921", false)));
    }

    @Test
    void factsOfAnUnreachableDatabaseNameItsMaskedUrlAndTheReason() throws Exception {
        ProvisionedDatabases databases = fresh(DatabaseMode.SPLIT);
        DatabaseEndpoint nowhere = TestRoles.unreachable("pgmq");
        Migrator migrator = Migrator.using(pools(new DatabaseSettings(databases.tasker(), Optional.of(nowhere),
                SMALL_POOL, SMALL_POOL)));

        assertThat(migrator.facts(PoolRole.TASKER).database()).isEqualTo(databases.tasker().database());
        assertThatThrownBy(() -> migrator.facts(PoolRole.PGMQ)).isInstanceOf(MigratorException.class)
                .hasMessage("cannot connect to the pgmq database postgresql://migrator:****@localhost:" + nowhere.port()
                        + "/pgmq: Connection to localhost:" + nowhere.port() + " refused. Check that the hostname and"
                        + " port are correct and that the postmaster is accepting TCP/IP connections.");
    }
}

package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.rows;
import static dev.tasker.it.IntegrationSupport.strings;
import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.ProviderKind;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.MigrationSet;
import dev.tasker.migrator.SetReport;
import dev.tasker.schema.pgmq.PgmqMigrations;
import dev.tasker.schema.tasker.TaskerMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Migrator on both databases of the mode: from empty it applies the tasker set to the tasker database and the
 * PGMQ set to the PGMQ database, each recorded in its own history table in the right database; a second run is a
 * no-op. The histories are read with plain SQL on each database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationTest extends IntegrationTest {

    private static final String HISTORY = "SELECT version FROM %s WHERE version IS NOT NULL AND success"
            + " ORDER BY installed_rank";
    private static final String HISTORY_ROWS = "SELECT installed_rank, version, description, checksum, installed_on,"
            + " success FROM %s ORDER BY installed_rank";

    @Override
    protected boolean migrateFirst() {
        return false;
    }

    @Test
    @Order(1)
    void aFirstRunAppliesEachSetToItsOwnDatabase() throws SQLException {
        assumeTrue(TestDatabases.provider().kind() != ProviderKind.EXTERNAL,
                "the external provider's databases are used as they are, not empty");
        assertThat(historyTables(taskerDb)).as("nothing migrated yet").isEmpty();
        assertThat(historyTables(pgmqDb)).isEmpty();

        MigrationReport report = IntegrationSupport.migrate(pools);

        assertThat(report.mode()).isEqualTo(mode);
        assertApplied(report.set(MigrationSet.TASKER), TaskerMigrations.VERSIONS, databases.tasker().database());
        assertApplied(report.set(MigrationSet.PGMQ), PgmqMigrations.VERSIONS, databases.pgmq().database());
        assertThat(strings(taskerDb, HISTORY.formatted(TaskerMigrations.HISTORY_TABLE)))
                .containsExactlyElementsOf(TaskerMigrations.VERSIONS);
        assertThat(strings(pgmqDb, HISTORY.formatted(PgmqMigrations.HISTORY_TABLE)))
                .containsExactlyElementsOf(PgmqMigrations.VERSIONS);
        if (split()) {
            assertThat(historyTables(taskerDb)).as("the tasker database records only the tasker set")
                    .containsExactly(TaskerMigrations.HISTORY_TABLE);
            assertThat(historyTables(pgmqDb)).as("the PGMQ database records only the PGMQ set")
                    .containsExactly(PgmqMigrations.HISTORY_TABLE);
        } else {
            assertThat(historyTables(taskerDb)).as("one database, two histories")
                    .containsExactlyInAnyOrder(TaskerMigrations.HISTORY_TABLE, PgmqMigrations.HISTORY_TABLE);
        }
        System.out.printf("migrate from empty in %s mode: %d ms%n", mode.label(), report.duration().toMillis());
    }

    @Test
    @Order(2)
    void aSecondRunAppliesNothingAndLeavesBothHistoriesAsTheyWere() throws SQLException {
        IntegrationSupport.migrate(pools);
        List<Map<String, Object>> taskerHistory = historyRows(taskerDb, TaskerMigrations.HISTORY_TABLE);
        List<Map<String, Object>> pgmqHistory = historyRows(pgmqDb, PgmqMigrations.HISTORY_TABLE);

        MigrationReport again = IntegrationSupport.migrate(pools);

        for (SetReport set : again.sets()) {
            assertThat(set.appliedNow()).as("%s set applied now", set.set().label()).isEmpty();
            assertThat(set.pending()).as("%s set pending", set.set().label()).isEmpty();
            assertThat(set.failed()).isEmpty();
        }
        assertThat(historyRows(taskerDb, TaskerMigrations.HISTORY_TABLE)).isEqualTo(taskerHistory);
        assertThat(historyRows(pgmqDb, PgmqMigrations.HISTORY_TABLE)).isEqualTo(pgmqHistory);
    }

    private static void assertApplied(SetReport set, List<String> versions, String database) {
        assertThat(set.appliedNow()).as("%s set applied now", set.set().label()).containsExactlyElementsOf(versions);
        assertThat(set.pending()).isEmpty();
        assertThat(set.failed()).isEmpty();
        assertThat(set.databaseUrl()).as("%s set's database", set.set().label()).endsWith("/" + database);
    }

    /** The Flyway history tables of either set present in the database of {@code connection}. */
    private static List<String> historyTables(Connection connection) throws SQLException {
        return strings(connection, "SELECT relname FROM pg_class WHERE relname IN (?, ?) AND relkind = 'r'"
                + " ORDER BY relname", TaskerMigrations.HISTORY_TABLE, PgmqMigrations.HISTORY_TABLE);
    }

    private static List<Map<String, Object>> historyRows(Connection connection, String table) throws SQLException {
        assertThat(value(connection, "SELECT count(*) FROM " + table)).as(table).isNotEqualTo(0L);
        return rows(connection, HISTORY_ROWS.formatted(table));
    }
}

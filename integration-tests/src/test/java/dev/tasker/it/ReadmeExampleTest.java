package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.migrator.DatabaseOperation;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.MigratorConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The README's migrator example, step by step, with the environment given as a map instead of the process's:
 * configuration from DATABASE_URL / PGMQ_DATABASE_URL, the pools, a migrate, and the DAOs on the routed pools.
 */
class ReadmeExampleTest extends IntegrationTest {

    @Override
    protected boolean migrateFirst() {
        return false;
    }

    @Test
    void configurationPoolsMigrateAndDaosAsTheReadmeShows() throws Exception {
        DatabaseSettings settings = MigratorConfiguration
                .load(environment(databases), new Properties(), Optional.empty())
                .databaseSettings()
                .orElseThrow(() -> new IllegalStateException("set DATABASE_URL"));
        assertThat(settings.mode()).isEqualTo(mode);

        try (DatabasePools readmePools = DatabasePools.open(settings)) {
            MigrationReport report = Migrator.using(readmePools).migrate();
            assertThat(report.succeeded()).as(report.toString()).isTrue();

            TaskerDataAccess readmeTasker =
                    TaskerDataAccess.using(readmePools.forOperation(DatabaseOperation.TASK_QUERY));
            PgmqClient queues = PgmqClient.using(readmePools.forOperation(DatabaseOperation.QUEUE_SEND));
            String queue = IntegrationSupport.workerQueue(IntegrationSupport.uniqueNamespace());
            queues.queues().create(queue);

            assertThat(readmeTasker.namespaces().findOrCreate("readme", "README example").name()).isEqualTo("readme");
            assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(1L);
            assertThat(value(taskerDb, "SELECT count(*) FROM tasker_task_namespaces WHERE name = 'readme'"))
                    .isEqualTo(1L);
        }
    }

    /** DATABASE_URL and, in split mode, PGMQ_DATABASE_URL for the provisioned databases. */
    private static Map<String, String> environment(ProvisionedDatabases databases) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", url(databases.tasker()));
        if (databases.pgmqIsSeparate()) {
            environment.put("PGMQ_DATABASE_URL", url(databases.pgmq()));
        }
        return environment;
    }

    private static String url(DatabaseEndpoint endpoint) {
        return "postgresql://" + endpoint.user() + (endpoint.password().isEmpty() ? "" : ":" + endpoint.password())
                + "@" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }
}

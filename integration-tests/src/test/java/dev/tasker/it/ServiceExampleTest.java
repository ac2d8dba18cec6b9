package dev.tasker.it;

import static dev.tasker.it.IntegrationSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.migrator.DatabaseOperation;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigrationReport;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.MigratorConfiguration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from your service" lines, verbatim in {@link #service(BiConsumer)}, configured the way a
 * service is: through {@code tasker.database.url} / {@code tasker.pgmq-database.url} system properties (an
 * environment that sets {@code DATABASE_URL} wins, as documented; the test databases then come from it as well).
 */
class ServiceExampleTest extends IntegrationTest {

    private static final List<String> PROPERTIES = List.of("tasker.database.url", "tasker.pgmq-database.url");

    @Override
    protected boolean migrateFirst() {
        return false;
    }

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void theReadmeLinesOpenThePoolsMigrateAndHandOutTheDaos() throws Exception {
        System.setProperty("tasker.database.url", url(databases.tasker()));
        if (split()) {
            System.setProperty("tasker.pgmq-database.url", url(databases.pgmq()));
        }
        String queue = IntegrationSupport.workerQueue(IntegrationSupport.uniqueNamespace());
        String namespace = "service_example_" + System.nanoTime();

        service((tasker, queues) -> {
            tasker.namespaces().findOrCreate(namespace, "README service example");
            queues.queues().create(queue);
        });

        assertThat(value(taskerDb, "SELECT count(*) FROM tasker_task_namespaces WHERE name = ?", namespace))
                .isEqualTo(1L);
        assertThat(value(pgmqDb, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?", queue)).isEqualTo(1L);
    }

    /** The README's lines; {@code work} stands for the "..." the README leaves to the service. */
    private static void service(BiConsumer<TaskerDataAccess, PgmqClient> work) {
        DatabaseSettings settings = MigratorConfiguration.fromSystem(Optional.empty()).databaseSettings()
                .orElseThrow(() -> new IllegalStateException("set DATABASE_URL (PGMQ_DATABASE_URL for split)"));
        try (DatabasePools pools = DatabasePools.open(settings)) {
            MigrationReport report = Migrator.using(pools).migrate(); // preflight first: a failed one changes nothing
            if (!report.succeeded()) {
                throw new IllegalStateException(report.toString());
            }
            TaskerDataAccess tasker = TaskerDataAccess.using(pools.forOperation(DatabaseOperation.TASK_QUERY));
            PgmqClient queues = PgmqClient.using(pools.forOperation(DatabaseOperation.QUEUE_SEND));
            // ... a tasker write and a queue send are two transactions, also in single mode
            work.accept(tasker, queues);
        }
    }

    private static String url(DatabaseEndpoint endpoint) {
        return "postgresql://" + endpoint.user() + (endpoint.password().isEmpty() ? "" : ":" + endpoint.password())
                + "@" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }
}

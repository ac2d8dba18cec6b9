package dev.tasker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProviderKind;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.ConfigurationException;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigratorException;
import dev.tasker.migrator.PreflightFailedException;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The auto-configuration in contexts built without an application: configuration precedence and errors as the
 * migrator's, beans backing off, no tracer on the classpath, and migration on start-up failing the context.
 */
class StarterContextTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new IsolatedEnvironment())
            .withConfiguration(AutoConfigurations.of(TaskerDataAutoConfiguration.class,
                    TaskerTracingAutoConfiguration.class, TaskerHealthAutoConfiguration.class,
                    DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class));

    @Test
    void theEnvironmentWinsOverPropertiesKeyByKeyAsInTheMigrator() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("DATABASE_URL", "postgresql://env:secret@db.example:5432/from_env")));
        environment.getPropertySources().addLast(new MapPropertySource("application", Map.of(
                "tasker.database.url", "postgresql://props@db.example:5432/from_properties",
                "tasker.pgmq-database.url", "postgresql://props@db.example:5432/pgmq",
                "tasker.database.pool.max-connections", "7")));

        DatabaseSettings settings = SpringMigratorConfiguration.databaseSettings(environment);

        assertThat(settings.tasker().database()).isEqualTo("from_env");
        assertThat(settings.pgmq().database()).isEqualTo("pgmq");
        assertThat(settings.taskerPool().maxConnections()).isEqualTo(7);
        assertThat(settings.pgmqPool().maxConnections()).as("upstream's default").isEqualTo(15);
    }

    @Test
    void badSettingsFailTheContextWithTheMigratorsErrors() {
        runner.withPropertyValues("tasker.database.url=postgresql://u@localhost:5432/db",
                        "tasker.database.pool.max-connections=ten")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("tasker.database.pool.max-connections")
                        .hasMessageContaining("must be a whole number, got 'ten'"));
        runner.withPropertyValues("tasker.database.url=postgresql://u@localhost:5432/db",
                        "tasker.database.pool.max-conections=5")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("Unknown setting 'tasker.database.pool.max-conections'"));
        runner.withPropertyValues("tasker.database.url=postgresql://u:hunter2@localhost:5432/db?sslmode=nope%")
                .run(context -> assertThat(context).getFailure().rootCause().message()
                        .doesNotContain("hunter2"));
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("No tasker database is configured: set DATABASE_URL"));
    }

    @Test
    void withoutMicrometerTracingOnTheClasspathNothingChangesAndNothingFails() throws Exception {
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        String queue = TestDatabaseProperties.uniqueQueue("untraced");
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
                .withPropertyValues(properties(databases, "tasker.migration.on-startup=true"))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MessageTracing.class);
                    PgmqClient pgmq = context.getBean(PgmqClient.class);
                    assertThat(pgmq.tracing()).isSameAs(MessageTracing.NONE);
                    pgmq.queues().create(queue);
                    long id = pgmq.sender().sendWithNotify(queue, Map.of("n", 1));
                    try (Connection connection = databases.pgmq().connect()) {
                        assertThat(SqlRows.rows(connection, "SELECT headers FROM pgmq.q_" + queue
                                + " WHERE msg_id = ?", id).getFirst().get("headers")).isNull();
                    }
                });
    }

    @Test
    void theApplicationsOwnBeansReplaceTheStartersOnes() {
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        DatabasePools own = DatabasePools.open(DatabaseSettings.of(databases));
        PgmqClient ownClient = PgmqClient.using(own.pgmq());
        try (own) {
            runner.withBean(DatabasePools.class, () -> own).withBean(PgmqClient.class, () -> ownClient)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(DatabasePools.class)).isSameAs(own);
                        assertThat(context.getBean(PgmqClient.class)).isSameAs(ownClient);
                        assertThat(context.getBean(DataSource.class)).isSameAs(own.tasker());
                        assertThat(context).hasSingleBean(TaskerDataAccess.class);
                    });
        }
    }

    @Test
    void aFailingMigrationOnStartupFailsTheContextWithTheMigratorsReport() throws Exception {
        assumeFresh();
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        try (Connection connection = databases.tasker().connect()) {
            SqlRows.execute(connection, "CREATE TABLE tasker_task_namespaces (unrelated integer)");
        }
        runner.withPropertyValues(properties(databases, "tasker.migration.on-startup=true"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(MigratorException.class)
                        .hasMessageContaining("Migration on start-up failed (" + databases.mode().label() + " mode)")
                        .hasMessageContaining("tasker set on " + databases.tasker().displayUrl())
                        .hasMessageContaining("FAILED"));
    }

    @Test
    void aRefusedPreflightFailsTheContextListingTheProblems() {
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        String missing = TestDatabaseProperties.url(databases.tasker().withDatabase("missing_" + UUID.randomUUID()
                .toString().substring(0, 8)));
        runner.withPropertyValues("tasker.database.url=" + missing, "tasker.migration.on-startup=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(PreflightFailedException.class)
                        .hasMessageContaining("Preflight failed")
                        .hasMessageContaining("nothing was changed"));
    }

    @Test
    void pendingMigrationsAreOutOfServiceAndAMissingPgmqIsDown() {
        assumeFresh();
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        runner.withPropertyValues(properties(databases)).run(context -> {
            Health migrations = context.getBean("taskerMigrationsHealthIndicator", MigrationsHealthIndicator.class)
                    .health();
            assertThat(migrations.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(migrations.getDetails()).containsKey("tasker").containsEntry("reason",
                    "migrations are pending: run the migrator (or tasker.migration.on-startup=true)");
            assertThat(context.getBean(PgmqHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(context.getBean("taskerDatabaseHealthIndicator", DatabaseHealthIndicator.class).health()
                    .getStatus()).isEqualTo(Status.UP);
        });
    }

    private static String[] properties(ProvisionedDatabases databases, String... more) {
        List<String> all = new java.util.ArrayList<>();
        TestDatabaseProperties.of(databases).forEach((name, value) -> all.add(name + "=" + value));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assumeFresh() {
        assumeTrue(TestDatabases.provider().kind() != ProviderKind.EXTERNAL,
                "the external provider's databases are used as they are, not empty");
    }
}

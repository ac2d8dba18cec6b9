package dev.tasker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.consumer.FailureAction;
import dev.tasker.dao.pgmq.consumer.RetryBackoff;
import dev.tasker.dao.pgmq.consumer.RetryPolicy;
import dev.tasker.dao.pgmq.consumer.SuccessAction;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.DatabasePools;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * The starter in split mode on two fresh databases, migrated on start-up: pools and beans, a PGMQ transaction
 * that rolls back, two consumer beans on one LISTEN connection, meters and health.
 */
@SpringBootTest(classes = SplitModeStarterTest.App.class, properties = {
        "tasker.migration.on-startup=true", "tasker.metrics.queue-sample-interval=100ms"})
@DirtiesContext
@ContextConfiguration(initializers = IsolatedEnvironment.class)
@EnabledIf(value = "splitRequested", disabledReason = "-Dtasker.db.mode asks for the other mode")
class SplitModeStarterTest {

    /** Provisioned on first use, so that a class disabled for the other mode provisions nothing. */
    private static final class Databases {
        static final ProvisionedDatabases PROVISIONED = TestDatabases.provision(DatabaseMode.SPLIT);
    }

    static boolean splitRequested() {
        return TestDatabaseProperties.requested(DatabaseMode.SPLIT);
    }

    static ProvisionedDatabases databases() {
        return Databases.PROVISIONED;
    }
    static final String ORDERS = TestDatabaseProperties.uniqueQueue("orders");
    static final String AUDITS = TestDatabaseProperties.uniqueQueue("audits");
    static final String IDLE = TestDatabaseProperties.uniqueQueue("idle");
    static final String RETRIES = TestDatabaseProperties.uniqueQueue("retries");
    static final String LISTENER = TestDatabaseProperties.uniqueQueue("consumers");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Order(String id) {
    }

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        TestDatabaseProperties.register(registry, databases());
        registry.add("tasker.listener.application-name", () -> LISTENER);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final List<String> shipped = new CopyOnWriteArrayList<>();
        final List<String> audited = new CopyOnWriteArrayList<>();
        volatile int consumersWhileRunnersRan = -1;

        @Bean
        ApplicationRunner createQueues(PgmqClient pgmq, ConsumerContainer container) {
            return args -> {
                consumersWhileRunnersRan = container.consumers().size();
                List.of(ORDERS, AUDITS, IDLE).forEach(pgmq.queues()::create);
            };
        }

        @Bean
        QueueConsumer<Order> orders() {
            return QueueConsumer.of(ORDERS, Order.class, message -> shipped.add(message.payload().id()))
                    .configured(config -> config.withPollInterval(Duration.ofMillis(200)));
        }

        @Bean
        QueueConsumer<Order> audits() {
            return QueueConsumer.of(AUDITS, Order.class, message -> {
                if (message.payload().id().startsWith("bad")) {
                    throw new IllegalArgumentException("refused " + message.payload().id());
                }
                audited.add(message.payload().id());
            }).configured(config -> config.withPollInterval(Duration.ofMillis(200))
                    .withOutcomes(SuccessAction.DELETE, FailureAction.ARCHIVE));
        }

        @Bean
        QueueConsumer<Order> retries() {
            return QueueConsumer.of(RETRIES, Order.class, message -> {
                throw new IllegalStateException("always fails " + message.payload().id());
            }).configured(config -> config.withPollInterval(Duration.ofMillis(200))
                    .withRetry(RetryPolicy.defaults().withMaxAttempts(2)
                            .withBackoff(RetryBackoff.fixed(Duration.ZERO))));
        }

        @Bean
        Outbox outbox(PgmqClient pgmq) {
            return new Outbox(pgmq);
        }
    }

    /** Sends inside transactions of the PGMQ database. */
    static class Outbox {
        private final PgmqClient pgmq;

        Outbox(PgmqClient pgmq) {
            this.pgmq = pgmq;
        }

        @Transactional("pgmqTransactionManager")
        public void send(String queue, Order order) {
            pgmq.sender().sendWithNotify(queue, order);
        }

        @Transactional("pgmqTransactionManager")
        public void sendThenFail(String queue, Order order) {
            pgmq.sender().sendWithNotify(queue, order);
            throw new IllegalStateException("the caller's transaction fails after the send");
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    App app;
    @Autowired
    DatabasePools pools;
    @Autowired
    DataSource primary;
    @Autowired
    Outbox outbox;
    @Autowired
    PgmqClient pgmq;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthEndpoint health;

    @Test
    void splitModeHasTwoPoolsAsTwoDataSourcesTheTaskerOnePrimary() {
        assertThat(pools.pgmqIsSeparate()).isTrue();
        assertThat(context.getBeansOfType(DataSource.class))
                .containsOnlyKeys("taskerDataSource", "pgmqDataSource")
                .containsEntry("taskerDataSource", pools.tasker())
                .containsEntry("pgmqDataSource", pools.pgmq());
        assertThat(primary).isSameAs(pools.tasker());
    }

    @Test
    void migratedOnStartupAndConsumersStartedOnlyOnceTheApplicationWasReady() throws Exception {
        assertThat(app.consumersWhileRunnersRan).isZero();
        assertThat(context.getBean(ConsumerContainer.class).consumers()).hasSize(3);
        assertThat(context.getBean(StartupMigration.class).report()).hasValueSatisfying(report ->
                assertThat(report.succeeded()).isTrue());
        try (Connection tasker = databases().tasker().connect()) {
            assertThat(SqlRows.rows(tasker, "SELECT 1 FROM pg_extension WHERE extname = 'pgmq'")).isEmpty();
            assertThat(SqlRows.rows(tasker, "SELECT to_regclass('tasker_tasks') IS NOT NULL AS t").getFirst())
                    .containsEntry("t", true);
        }
    }

    @Test
    void aSendInsideARolledBackTransactionIsNeverDeliveredACommittedOneIs() throws Exception {
        assertThatThrownBy(() -> outbox.sendThenFail(ORDERS, new Order("rolled-back")))
                .isInstanceOf(IllegalStateException.class);
        outbox.send(ORDERS, new Order("committed"));

        await().atMost(TIMEOUT).until(() -> app.shipped.contains("committed"));
        assertThat(app.shipped).doesNotContain("rolled-back");
        try (Connection connection = databases().pgmq().connect()) {
            assertThat(SqlRows.rows(connection, "SELECT msg_id FROM pgmq.q_" + ORDERS
                    + " WHERE message->>'id' = 'rolled-back'")).isEmpty();
        }
        assertThat(pgmq.sender().send(ORDERS, new Order("outside-a-transaction"))).isPositive();
        await().atMost(TIMEOUT).until(() -> app.shipped.contains("outside-a-transaction"));
    }

    @Test
    void allConsumersShareOneListenConnectionToThePgmqDatabase() throws Exception {
        await().atMost(TIMEOUT).until(() -> context.getBean(ConsumerContainer.class).listenerConnected());
        // a connection killed by another test may take a moment to leave pg_stat_activity
        await().atMost(TIMEOUT).untilAsserted(() -> {
            try (Connection connection = databases().pgmq().connect()) {
                assertThat(SqlRows.rows(connection, "SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = ?", LISTENER)).hasSize(1);
            }
        });
        assertThat(meters.get(MicrometerConsumerInstrumentation.LISTENER_CONNECTED).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void theSharedListenerReconnectsAfterLosingItsConnectionAndCountsIt() throws Exception {
        ConsumerContainer container = context.getBean(ConsumerContainer.class);
        await().atMost(TIMEOUT).until(container::listenerConnected);
        double before = meters.get(MicrometerConsumerInstrumentation.LISTENER_RECONNECTS).counter().count();
        try (Connection connection = databases().pgmq().connect()) {
            assertThat(SqlRows.rows(connection, "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = ?", LISTENER))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("killed", true));
        }

        await().atMost(TIMEOUT).until(() -> meters.get(MicrometerConsumerInstrumentation.LISTENER_RECONNECTS)
                .counter().count() == before + 1);
        await().atMost(TIMEOUT).until(() -> meters.get(MicrometerConsumerInstrumentation.LISTENER_CONNECTED)
                .gauge().value() == 1.0);
        outbox.send(ORDERS, new Order("after-reconnect"));
        await().atMost(TIMEOUT).until(() -> app.shipped.contains("after-reconnect"));
    }

    @Test
    void consumerMetersCountReceivedHandledAndFailedMessagesWithDurations() {
        pgmq.sender().send(AUDITS, new Order("good-1"));
        pgmq.sender().send(AUDITS, new Order("bad-1"));

        await().atMost(TIMEOUT).until(() -> count("failed") == 1.0 && count("handled") == 1.0);
        assertThat(meters.get(MicrometerConsumerInstrumentation.RECEIVED).tag("queue", AUDITS).counter().count())
                .isEqualTo(2.0);
        assertThat(meters.get(MicrometerConsumerInstrumentation.DURATION).tag("queue", AUDITS)
                .tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerConsumerInstrumentation.READ_LATENCY).tag("queue", AUDITS).timer().count())
                .isEqualTo(2);
        await().atMost(TIMEOUT).until(() -> meters.get(MicrometerConsumerInstrumentation.IN_FLIGHT)
                .tag("queue", AUDITS).gauge().value() == 0.0);
        assertThat(app.audited).containsExactly("good-1");
        assertThat(meters.get(MicrometerConsumerInstrumentation.QUEUE_ERRORS).tag("queue", AUDITS).functionCounter()
                .count()).isZero();
        assertThat(meters.get(MicrometerConsumerInstrumentation.RELEASED).tag("queue", AUDITS).functionCounter()
                .count()).isZero();
    }

    @Test
    void retriedAndDeadLetteredMessagesAreCountedByOutcome() {
        pgmq.sender().send(RETRIES, new Order("doomed"));

        await().atMost(TIMEOUT).until(() -> outcome(RETRIES, "dead_lettered") == 1.0);
        assertThat(outcome(RETRIES, "retried")).isEqualTo(1.0);
        assertThat(meters.get(MicrometerConsumerInstrumentation.PROCESSED).tag("queue", RETRIES)
                .tag("outcome", "failed").counter().count()).isEqualTo(2.0);
        assertThat(pgmq.reader(Order.class).read(RETRIES + "_dlq", 1, 10)).extracting(m -> m.payload().id())
                .containsExactly("doomed");
    }

    @Test
    void queueGaugesAreSampledFromPgmqMetricsAndPoolMetersAreSpringBoots() {
        pgmq.sender().sendBatch(IDLE, List.of(new Order("a"), new Order("b"), new Order("c")));
        pgmq.reader().read(IDLE, 60, 1);

        await().atMost(TIMEOUT).until(() -> gauge(QueueMetricsSampler.LENGTH, IDLE) == 3.0
                && gauge(QueueMetricsSampler.VISIBLE_LENGTH, IDLE) == 2.0);
        assertThat(gauge(QueueMetricsSampler.OLDEST_AGE, IDLE)).isGreaterThanOrEqualTo(0.0);
        assertThat(meters.get("hikaricp.connections.max").tag("pool", "tasker-data-tasker").gauge().value())
                .isEqualTo(25.0);
        assertThat(meters.get("hikaricp.connections.max").tag("pool", "tasker-data-pgmq").gauge().value())
                .isEqualTo(15.0);
    }

    @Test
    void healthReportsBothDatabasesThePgmqVersionAndNoPendingMigrations() {
        Map<String, HealthDescriptor> components = ((CompositeHealthDescriptor) health.health()).getComponents();

        assertThat(components).containsKeys("taskerDatabase", "pgmqDatabase", "pgmq", "taskerMigrations");
        assertThat(components.values()).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(Status.UP));
        assertThat(details(components, "taskerDatabase")).containsEntry("database", databases().tasker().database());
        assertThat(details(components, "pgmqDatabase")).containsEntry("database", databases().pgmq().database());
        assertThat(details(components, "pgmq")).containsKey("version");
        assertThat(details(components, "taskerMigrations")).containsEntry("mode", "split");
    }

    private double count(String outcome) {
        return meters.get(MicrometerConsumerInstrumentation.PROCESSED).tag("queue", AUDITS).tag("outcome", outcome)
                .counter().count();
    }

    private double outcome(String queue, String outcome) {
        var counter = meters.find(MicrometerConsumerInstrumentation.PROCESSED).tag("queue", queue)
                .tag("outcome", outcome).functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    private double gauge(String name, String queue) {
        var gauge = meters.find(name).tag("queue", queue).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static Map<String, Object> details(Map<String, HealthDescriptor> components, String name) {
        return ((IndicatedHealthDescriptor) components.get(name)).getDetails();
    }
}

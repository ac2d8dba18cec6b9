package dev.tasker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Closing the application drains the consumers: reading stops, a handler that finishes within the grace period is
 * settled, one that does not is interrupted and its message released for another consumer at once.
 */
class GracefulShutdownTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(2);
    static final String QUEUE = TestDatabaseProperties.uniqueQueue("drain");
    static final Set<String> STARTED = ConcurrentHashMap.newKeySet();
    static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();
    static final Set<String> INTERRUPTED = ConcurrentHashMap.newKeySet();
    static final CountDownLatch MAY_FINISH = new CountDownLatch(1);
    static final CountDownLatch NEVER = new CountDownLatch(1);

    record Job(String id) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ApplicationRunner createQueue(PgmqClient pgmq) {
            return args -> pgmq.queues().create(QUEUE);
        }

        @Bean
        QueueConsumer<Job> jobs() {
            return QueueConsumer.of(QUEUE, Job.class, message -> {
                String id = message.payload().id();
                STARTED.add(id);
                try {
                    (id.equals("finishes") ? MAY_FINISH : NEVER).await();
                    FINISHED.add(id);
                } catch (InterruptedException e) {
                    INTERRUPTED.add(id);
                    throw e;
                }
            }).configured(config -> config.withMaxConcurrency(2).withShutdownGrace(GRACE)
                    .withPollInterval(Duration.ofMillis(200)));
        }
    }

    @Test
    void shutdownLetsRunningHandlersFinishWithinTheGraceAndReleasesTheRest() throws Exception {
        ProvisionedDatabases databases = TestDatabases.provision(TestDatabaseProperties.mode(DatabaseMode.SINGLE));
        List<String> properties = new ArrayList<>(List.of("tasker.migration.on-startup=true"));
        TestDatabaseProperties.of(databases).forEach((name, value) -> properties.add(name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).initializers(new IsolatedEnvironment())
                .properties(properties.toArray(String[]::new)).run();
        ConsumerContainer container = context.getBean(ConsumerContainer.class);
        PgmqClient pgmq = context.getBean(PgmqClient.class);
        long finishes = pgmq.sender().send(QUEUE, new Job("finishes"));
        long stuck = pgmq.sender().send(QUEUE, new Job("stuck"));
        await().atMost(TIMEOUT).until(() -> STARTED.containsAll(Set.of("finishes", "stuck")));

        Thread closing = Thread.ofPlatform().start(context::close);
        await().atMost(TIMEOUT).until(() -> !container.isRunning());
        MAY_FINISH.countDown();
        closing.join(TIMEOUT.toMillis());

        assertThat(closing.isAlive()).as("the context closed").isFalse();
        assertThat(FINISHED).containsExactly("finishes");
        assertThat(INTERRUPTED).containsExactly("stuck");
        try (Connection connection = databases.pgmq().connect()) {
            List<Map<String, Object>> rows = SqlRows.rows(connection, "SELECT msg_id, read_ct, vt <= now() AS visible"
                    + " FROM pgmq.q_" + QUEUE + " ORDER BY msg_id");
            assertThat(rows).as("the finished message was deleted, the stuck one released").hasSize(1);
            assertThat(rows.getFirst()).containsEntry("msg_id", stuck).containsEntry("visible", true)
                    .containsEntry("read_ct", 1);
            assertThat(rows).noneMatch(row -> row.get("msg_id").equals(finishes));
        }
    }
}

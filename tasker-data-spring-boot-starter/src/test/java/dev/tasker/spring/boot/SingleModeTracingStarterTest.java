package dev.tasker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import dev.tasker.migrator.DatabasePools;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * The starter in single mode with OpenTelemetry tracing: one DataSource, a transaction spanning a tasker write and
 * a send, and trace context carried through the queue into a consumer span.
 */
@SpringBootTest(classes = SingleModeTracingStarterTest.App.class, properties = {
        "tasker.migration.on-startup=true", "management.tracing.sampling.probability=1.0",
        "management.tracing.baggage.remote-fields=tenant",
        "management.tracing.opentelemetry.export.schedule-delay=50ms"})
@AutoConfigureTracing
@DirtiesContext
@ContextConfiguration(initializers = IsolatedEnvironment.class)
@EnabledIf(value = "singleRequested", disabledReason = "-Dtasker.db.mode asks for the other mode")
class SingleModeTracingStarterTest {

    /** Provisioned on first use, so that a class disabled for the other mode provisions nothing. */
    private static final class Databases {
        static final ProvisionedDatabases PROVISIONED = TestDatabases.provision(DatabaseMode.SINGLE);
    }

    static boolean singleRequested() {
        return TestDatabaseProperties.requested(DatabaseMode.SINGLE);
    }

    static ProvisionedDatabases databases() {
        return Databases.PROVISIONED;
    }
    static final String TRACED = TestDatabaseProperties.uniqueQueue("traced");
    static final String OUTBOX = TestDatabaseProperties.uniqueQueue("outbox");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        TestDatabaseProperties.register(registry, databases());
    }

    /** What a consumer saw: the message and the trace context its handler ran in. */
    record Handled(long msgId, String traceId, String spanId, String parentId, JsonNode headers) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final List<Handled> handled = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        ApplicationRunner createQueues(PgmqClient pgmq) {
            return args -> List.of(TRACED, OUTBOX).forEach(pgmq.queues()::create);
        }

        @Bean
        QueueConsumer<JsonNode> traced(Tracer tracer) {
            return QueueConsumer.of(TRACED, JsonNode.class, message -> {
                Span span = tracer.currentSpan();
                handled.add(new Handled(message.msgId(), span.context().traceId(), span.context().spanId(),
                        span.context().parentId(), message.headers().orElse(null)));
            }).configured(config -> config.withPollInterval(Duration.ofMillis(200)));
        }

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        Registration registration(TaskerDataAccess tasker, PgmqClient pgmq) {
            return new Registration(tasker, pgmq);
        }
    }

    /** A tasker write and a send in one transaction of the (single) database. */
    static class Registration {
        private final TaskerDataAccess tasker;
        private final PgmqClient pgmq;

        Registration(TaskerDataAccess tasker, PgmqClient pgmq) {
            this.tasker = tasker;
            this.pgmq = pgmq;
        }

        @Transactional
        public void register(String namespace, boolean fail) {
            tasker.namespaces().findOrCreate(namespace, "registered with a send");
            pgmq.sender().send(OUTBOX, Map.of("namespace", namespace));
            if (fail) {
                throw new IllegalStateException("fails after the write and the send");
            }
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    App app;
    @Autowired
    DatabasePools pools;
    @Autowired
    Registration registration;
    @Autowired
    PgmqClient pgmq;
    @Autowired
    Tracer tracer;
    @Autowired
    InMemorySpanExporter spans;

    @Test
    void singleModeHasOnePoolAsTheOnlyDataSource() {
        assertThat(pools.pgmqIsSeparate()).isFalse();
        assertThat(pools.pgmq()).isSameAs(pools.tasker());
        assertThat(context.getBeansOfType(DataSource.class)).containsOnlyKeys("taskerDataSource");
    }

    @Test
    void aTaskerWriteAndASendCommitOrRollBackTogether() throws Exception {
        String rolledBack = "rb_" + UUID.randomUUID();
        String committed = "ok_" + UUID.randomUUID();

        assertThatThrownBy(() -> registration.register(rolledBack, true)).isInstanceOf(IllegalStateException.class);
        registration.register(committed, false);

        try (Connection connection = databases().tasker().connect()) {
            String namespaces = "SELECT name FROM tasker_task_namespaces WHERE name IN (?, ?)";
            assertThat(SqlRows.rows(connection, namespaces, rolledBack, committed))
                    .extracting(row -> row.get("name")).containsExactly(committed);
            String messages = "SELECT message->>'namespace' AS ns FROM pgmq.q_" + OUTBOX
                    + " WHERE message->>'namespace' IN (?, ?)";
            assertThat(SqlRows.rows(connection, messages, rolledBack, committed))
                    .extracting(row -> row.get("ns")).containsExactly(committed);
        }
    }

    @Test
    void everySendInsideATracedRequestCarriesItsContextAndTheConsumerContinuesTheTrace() throws Exception {
        Span request = tracer.nextSpan().name("request").start();
        List<Long> ids = new ArrayList<>();
        try (Tracer.SpanInScope scope = tracer.withSpan(request);
             var baggage = tracer.createBaggageInScope("tenant", "acme")) {
            ids.add(pgmq.sender().send(TRACED, Map.of("kind", "send")));
            ids.addAll(pgmq.sender().sendBatch(TRACED, List.of(Map.of("kind", "batch"), Map.of("kind", "batch"))));
            ids.add(pgmq.sender().sendWithNotify(TRACED, Map.of("kind", "notify")));
            ids.addAll(pgmq.sender().sendBatchWithNotify(TRACED,
                    List.of(Map.of("kind", "notify batch"), Map.of("kind", "notify batch"))));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        await().atMost(TIMEOUT).until(() -> app.handled.size() >= ids.size());
        assertThat(app.handled).extracting(Handled::msgId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(app.handled).allSatisfy(h -> {
            assertThat(h.traceId()).isEqualTo(traceId);
            assertThat(h.parentId()).isEqualTo(request.context().spanId());
            assertThat(h.headers().path("traceparent").asText())
                    .startsWith("00-" + traceId + "-" + request.context().spanId() + "-");
            assertThat(h.headers().path("baggage").asText()).contains("tenant=acme");
        });

        await().atMost(TIMEOUT).until(() -> consumerSpans().size() >= ids.size());
        List<SpanData> consumerSpans = consumerSpans();
        assertThat(consumerSpans).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getTraceId()).isEqualTo(traceId);
            assertThat(span.getParentSpanId()).isEqualTo(request.context().spanId());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                    .isEqualTo(TRACED);
        });
        assertThat(consumerSpans).extracting(span -> Long.parseLong(
                span.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void sendsOutsideATraceAddNoHeaders() throws Exception {
        long id = pgmq.sender().send(OUTBOX, Map.of("untraced", true));
        try (Connection connection = databases().pgmq().connect()) {
            assertThat(SqlRows.rows(connection, "SELECT headers FROM pgmq.q_" + OUTBOX + " WHERE msg_id = ?", id)
                    .getFirst().get("headers")).isNull();
        }
    }

    private List<SpanData> consumerSpans() {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(TRACED + " process"))
                .toList();
    }
}

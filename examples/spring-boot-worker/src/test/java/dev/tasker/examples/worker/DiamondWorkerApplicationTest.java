package dev.tasker.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.SqlRows;
import dev.tasker.database.testing.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example worker runs a diamond task to completion in split mode on the embedded PostgreSQL. */
@SpringBootTest
class DiamondWorkerApplicationTest {

    static final ProvisionedDatabases DATABASES =
            TestDatabases.provision(TestDatabases.requestedMode().orElse(DatabaseMode.SPLIT));

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("tasker.database.url", () -> url(DATABASES.tasker()));
        registry.add("tasker.pgmq-database.url", () -> url(DATABASES.pgmq()));
    }

    @Autowired
    DiamondWorkflow workflow;
    @Autowired
    TaskerDataAccess tasker;

    @Test
    void aDiamondTaskRunsToCompletionThroughTheConsumerBean() throws Exception {
        UUID task = workflow.start("order-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(60)).until(() -> tasker.tasks().get(task).orElseThrow().complete());
        try (Connection connection = DATABASES.tasker().connect()) {
            List<Map<String, Object>> steps = SqlRows.rows(connection, "SELECT ns.name, ws.processed, ws.attempts"
                    + " FROM tasker_workflow_steps ws JOIN tasker_named_steps ns USING (named_step_uuid)"
                    + " WHERE ws.task_uuid = ? ORDER BY ns.name", task);
            assertThat(steps).extracting(row -> row.get("name")).containsExactly("a", "b", "c", "d");
            assertThat(steps).allSatisfy(row -> assertThat(row).containsEntry("processed", true)
                    .containsEntry("attempts", 1));
            assertThat(SqlRows.rows(connection, "SELECT to_state FROM tasker_task_transitions WHERE task_uuid = ?"
                    + " AND most_recent", task).getFirst()).containsEntry("to_state", "complete");
        }
        try (Connection connection = DATABASES.pgmq().connect()) {
            assertThat(SqlRows.rows(connection, "SELECT msg_id FROM pgmq.q_" + DiamondWorkflow.QUEUE
                    + " WHERE message->>'task' = ?", task.toString())).as("every step message deleted").isEmpty();
        }
    }

    private static String url(DatabaseEndpoint endpoint) {
        String credentials = endpoint.user().isEmpty() ? "" : encode(endpoint.user())
                + (endpoint.password().isEmpty() ? "" : ":" + encode(endpoint.password())) + "@";
        return "postgresql://" + credentials + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

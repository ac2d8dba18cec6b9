package dev.tasker.schema.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** extract_queue_namespace (pgmq-api.md A.3.1; split-and-runtime.md §6): first matching rule wins. */
class ExtractQueueNamespaceTest extends PgmqSchemaTest {

    @ParameterizedTest(name = "{0} -> {1} (rule {2})")
    @DisplayName("the six cases of the A.3.1 table")
    @CsvSource({
            "worker_rust_queue,          rust,          2",
            "worker_a_b_queue,           a_b,           2",
            "orchestration_step_results, orchestration, 1",
            "payments_queue,             payments,      3",
            "worker_queue,               worker,        3",
            "fulfillment_domain_events,  default,       4",
    })
    void specTable(String queue, String namespace, int rule) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("the queue names of split-and-runtime.md §6")
    @CsvSource({
            "orchestration_task_requests,      orchestration",
            "orchestration_task_finalizations, orchestration",
            "worker_inventory_queue,           inventory",
            "inventory_domain_events,          default",
            "inventory_domain_events_dlq,      default",
    })
    void namingConventions(String queue, String namespace) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("rule 1: any name starting with 'orchestration' (even without a separator or ending in _queue)")
    @CsvSource({
            "orchestration,              orchestration",
            "orchestrationx,             orchestration",
            "orchestration_queue,        orchestration",
    })
    void orchestrationPrefix(String queue, String namespace) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("rule 2: worker_<ns>_queue captures <ns> non-greedily but anchored by _queue$; an empty <ns> gives worker")
    @CsvSource({
            "worker_x_queue,             x",
            "worker_queue_queue,         queue",
            "worker_a_queue_b_queue,     a_queue_b",
            "worker_1_queue,             1",
            "worker__queue,              worker",
    })
    void workerQueues(String queue, String namespace) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("rule 3: <letter><letters, digits, _>_queue gives the part before _queue")
    @CsvSource({
            "a_queue,                    a",
            "Billing2_queue,             Billing2",
            "my_app_queue,               my_app",
    })
    void otherQueues(String queue, String namespace) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @ParameterizedTest(name = "{0} -> default")
    @DisplayName("rule 4: everything else is 'default'")
    @CsvSource({
            "_queue",
            "1payments_queue",
            "payments_queue_dlq",
            "payments-x_queue",
            "queue",
            "payments_Queue",
    })
    void everythingElseIsDefault(String queue) throws SQLException {
        assertThat(namespace(queue)).isEqualTo("default");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("matching is case-sensitive")
    @CsvSource({
            "Orchestration_step_results, default",
            "ORCHESTRATION,              default",
            "Worker_rust_queue,          Worker_rust",
            "WORKER_RUST_QUEUE,          default",
            "worker_Rust_queue,          Rust",
    })
    void caseSensitive(String queue, String namespace) throws SQLException {
        assertThat(namespace(queue)).isEqualTo(namespace);
    }

    @Test
    @DisplayName("an empty name and NULL give 'default' (not STRICT: no rule matches)")
    void emptyAndNull() throws SQLException {
        assertThat(namespace("")).isEqualTo("default");
        assertThat(value("SELECT extract_queue_namespace(NULL::text)")).isEqualTo("default");
    }

    @Test
    @DisplayName("declared IMMUTABLE (depends on its argument only)")
    void isImmutable() throws SQLException {
        assertThat(value("SELECT provolatile::text FROM pg_proc "
                + "WHERE oid = 'public.extract_queue_namespace(text)'::regprocedure")).isEqualTo("i");
    }

    private String namespace(String queue) throws SQLException {
        return (String) value("SELECT extract_queue_namespace(?::text)", queue);
    }
}

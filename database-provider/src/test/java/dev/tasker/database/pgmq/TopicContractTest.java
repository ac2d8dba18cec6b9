package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * B.11.2: topics (1.11.0+): routing-key and pattern validation, bindings, {@code send_topic},
 * {@code send_batch_topic}, {@code test_routing} and {@code list_topic_bindings}. Routing keys start with a random
 * segment per test, so bindings of other tests or runs on a shared database never match them; the catch-all
 * {@code #} is never bound.
 */
class TopicContractTest extends PgmqContract {

    private String root;

    @BeforeEach
    void needsTopics() {
        assumeAtLeast(1, 11, 0, "topics");
        root = "ct" + randomSuffix(8);
    }

    // ------------------------------------------------------------------------------------------------------------
    // validation

    @Test
    void validRoutingKeysAndPatternsAreAccepted() throws SQLException {
        for (String key : List.of("logs", "logs.error", "app.user-service.auth", "a_b.C9", "x".repeat(255))) {
            assertThat(scalar(db, "SELECT pgmq.validate_routing_key(?::text)", Boolean.class, key)).as(key).isTrue();
            assertThat(scalar(db, "SELECT pgmq.validate_topic_pattern(?::text)", Boolean.class, key)).as(key).isTrue();
        }
        for (String pattern : List.of("#", "*", "logs.*", "logs.#", "*.error", "#.error", "app.*.#", "a.*.*.b")) {
            assertThat(scalar(db, "SELECT pgmq.validate_topic_pattern(?::text)", Boolean.class, pattern)).as(pattern)
                    .isTrue();
        }
    }

    @Test
    void invalidRoutingKeysAreRejectedWithTheirReason() {
        Map<String, String> cases = Map.of(
                "", "routing_key cannot be NULL or empty",
                "x".repeat(256), "routing_key length cannot exceed 255 characters, got 256 characters",
                "logs error", "routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and "
                        + "underscores are allowed. Got: logs error",
                "logs.*", "routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and "
                        + "underscores are allowed. Got: logs.*",
                ".logs", "routing_key cannot start with a dot. Got: .logs",
                "logs.", "routing_key cannot end with a dot. Got: logs.",
                "bad..key", "routing_key cannot contain consecutive dots. Got: bad..key");
        cases.forEach((key, message) -> assertThat(
                expectError(db, "SELECT pgmq.validate_routing_key(?::text)", key).message()).as(key)
                .isEqualTo(message));
        assertThat(expectError(db, "SELECT pgmq.validate_routing_key(NULL::text)").message())
                .isEqualTo("routing_key cannot be NULL or empty");
    }

    @Test
    void invalidPatternsAreRejectedWithTheirReason() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "pattern cannot be NULL or empty"),
                Map.entry("x".repeat(256), "pattern length cannot exceed 255 characters, got 256 characters"),
                Map.entry("logs.error!", "pattern contains invalid characters. Only alphanumeric, dots, hyphens, "
                        + "underscores, *, and # are allowed. Got: logs.error!"),
                Map.entry(".logs.*", "pattern cannot start with a dot. Got: .logs.*"),
                Map.entry("logs.*.", "pattern cannot end with a dot. Got: logs.*."),
                Map.entry("logs..error", "pattern cannot contain consecutive dots. Got: logs..error"),
                Map.entry("logs.**", "pattern cannot contain consecutive stars (**). Use # for multi-segment "
                        + "matching. Got: logs.**"),
                Map.entry("logs.##", "pattern cannot contain consecutive hashes (##). A single # already matches "
                        + "zero or more segments. Got: logs.##"),
                Map.entry("logs.*#", "pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards "
                        + "with dots. Got: logs.*#"),
                Map.entry("logs.#*", "pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards "
                        + "with dots. Got: logs.#*"));
        cases.forEach((pattern, message) -> assertThat(
                expectError(db, "SELECT pgmq.validate_topic_pattern(?::text)", pattern).message()).as(pattern)
                .isEqualTo(message));
    }

    @Test
    void validationFunctionsAreImmutable() throws SQLException {
        for (String signature : List.of("pgmq.validate_routing_key(text)", "pgmq.validate_topic_pattern(text)")) {
            assertThat(scalar(db, "SELECT provolatile::text FROM pg_proc WHERE oid = ?::text::regprocedure",
                    String.class, signature)).as(signature).isEqualTo("i");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // bindings

    @Test
    void bindTopicStoresTheCompiledRegexAndIsIdempotent() throws SQLException {
        String queue = createQueue();

        bind(root + ".*", queue);
        bind(root + ".*", queue);
        bind(root + ".#", queue);
        bind("*." + root + ".#.x-y", queue);

        List<Row> rows = query(db, "SELECT * FROM pgmq.list_topic_bindings(?::text)", queue);
        assertThat(rows.getFirst().columns()).containsExactly("pattern", "queue_name", "bound_at", "compiled_regex");
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.text("pattern") + " " + r.text("compiled_regex")).containsExactlyInAnyOrder(
                root + ".* ^" + root + "\\.[^.]+$",
                root + ".# ^" + root + "\\..*$",
                "*." + root + ".#.x-y ^[^.]+\\." + root + "\\..*\\.x-y$");
    }

    @Test
    void bindTopicRejectsBadPatternsEmptyNamesAndMissingQueues() throws SQLException {
        String queue = createQueue();
        String missing = "ct_nope_" + randomSuffix(8);

        assertThat(expectError(db, "SELECT pgmq.bind_topic(?::text, ?::text)", root + "..x", queue).message())
                .isEqualTo("pattern cannot contain consecutive dots. Got: " + root + "..x");
        assertThat(expectError(db, "SELECT pgmq.bind_topic(?::text, ?::text)", root, "").message())
                .isEqualTo("queue_name cannot be NULL or empty");
        assertThat(expectError(db, "SELECT pgmq.bind_topic(?::text, NULL::text)", root).message())
                .isEqualTo("queue_name cannot be NULL or empty");
        assertThat(expectError(db, "SELECT pgmq.bind_topic(?::text, ?::text)", root, missing).message())
                .isEqualTo("Queue \"" + missing + "\" does not exist. Create the queue first using pgmq.create()");
        assertThat(query(db, "SELECT * FROM pgmq.list_topic_bindings(?::text)", queue)).isEmpty();
    }

    @Test
    void unbindTopicReportsWhetherABindingWasRemoved() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);

        assertThat(scalar(db, "SELECT pgmq.unbind_topic(?::text, ?::text)", Boolean.class, root + ".*", queue))
                .isTrue();
        assertThat(scalar(db, "SELECT pgmq.unbind_topic(?::text, ?::text)", Boolean.class, root + ".*", queue))
                .isFalse();
        assertThat(scalar(db, "SELECT pgmq.unbind_topic(?::text, ?::text)", Boolean.class, root + "..x", queue))
                .as("the pattern is not validated").isFalse();
        assertThat(expectError(db, "SELECT pgmq.unbind_topic(?::text, ?::text)", "", queue).message())
                .isEqualTo("pattern cannot be NULL or empty");
        assertThat(expectError(db, "SELECT pgmq.unbind_topic(?::text, ?::text)", root, "").message())
                .isEqualTo("queue_name cannot be NULL or empty");
    }

    @Test
    void listTopicBindingsShowsTheNewestFirst() throws SQLException {
        String first = createQueue();
        String second = createQueue();
        bind(root + ".old", first);
        Connection later = open();
        later.setAutoCommit(false);
        query(later, "SELECT pgmq.bind_topic(?::text, ?::text)", root + ".new", second);
        later.commit();

        List<Row> all = query(db, "SELECT * FROM pgmq.list_topic_bindings()").stream()
                .filter(r -> r.text("pattern").startsWith(root)).toList();

        assertThat(all).extracting(r -> r.text("queue_name")).containsExactly(second, first);
        assertThat(all.get(0).instant("bound_at")).isAfter(all.get(1).instant("bound_at"));
        assertThat(query(db, "SELECT * FROM pgmq.list_topic_bindings(?::text)", first))
                .extracting(r -> r.text("pattern")).containsExactly(root + ".old");
    }

    @Test
    void droppingAQueueRemovesItsBindings() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);

        query(db, "SELECT pgmq.drop_queue(?::text)", queue);

        assertThat(query(db, "SELECT * FROM pgmq.list_topic_bindings(?::text)", queue)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // routing

    @Test
    void testRoutingListsMatchingBindingsByPatternWithoutSending() throws SQLException {
        String one = createQueue();
        String many = createQueue();
        bind(root + ".*.error", one);
        bind(root + ".#", many);
        bind(root + ".db.*", many);

        assertThat(patterns(root + ".db.error")).as("ordered by pattern").containsExactlyElementsOf(
                sortedByDatabase(root + ".#", root + ".*.error", root + ".db.*"));
        assertThat(patterns(root + ".api")).containsExactly(root + ".#");
        assertThat(patterns(root)).as("'#' after a dot needs the dot").isEmpty();
        assertThat(patterns(root + ".a.b.error")).as("'*' is exactly one segment").containsExactly(root + ".#");
        assertThat(queueCount(one) + queueCount(many)).isZero();
        assertThat(expectError(db, "SELECT * FROM pgmq.test_routing(?::text)", root + "..x").message())
                .isEqualTo("routing_key cannot contain consecutive dots. Got: " + root + "..x");
    }

    @Test
    void sendTopicSendsOnceToEveryMatchingQueueAndCountsThem() throws SQLException {
        String first = createQueue();
        String second = createQueue();
        String other = createQueue();
        bind(root + ".orders.*", first);
        bind(root + ".#", first);
        bind(root + ".orders.created", second);
        bind(root + ".payments.*", other);

        int sent = scalar(db, "SELECT pgmq.send_topic(?::text, ?::jsonb)", Integer.class, root + ".orders.created",
                "{\"id\": 7}");

        assertThat(sent).isEqualTo(2);
        assertThat(queueCount(first)).isEqualTo(1);
        assertThat(queueCount(second)).isEqualTo(1);
        assertThat(queueCount(other)).isZero();
        Row row = read(second, 30, 1).getFirst();
        assertThat(row.text("message")).isEqualTo(jsonb("{\"id\": 7}"));
        assertThat(row.get("headers")).isNull();
        assertThat(scalar(db, "SELECT pgmq.send_topic(?::text, ?::jsonb)", Integer.class, root + "x.none", "{}"))
                .as("no binding matches").isZero();
    }

    @Test
    void sendTopicPassesHeadersAndDelay() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);

        scalar(db, "SELECT pgmq.send_topic(?::text, ?::jsonb, ?::jsonb, ?::int)", Integer.class, root + ".h", "{}",
                "{\"x-pgmq-group\": \"g\"}", 0);
        scalar(db, "SELECT pgmq.send_topic(?::text, ?::jsonb, ?::int)", Integer.class, root + ".d", "{}", 300);

        List<Row> visible = read(queue, 30, 10);
        assertThat(visible).hasSize(1);
        assertThat(visible.getFirst().text("headers")).isEqualTo(jsonb("{\"x-pgmq-group\": \"g\"}"));
        assertThat(queueCount(queue)).as("the delayed message is there but invisible").isEqualTo(2);
    }

    @Test
    void sendTopicRejectsBadArgumentsBeforeSending() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);

        assertThat(expectError(db, "SELECT pgmq.send_topic(?::text, NULL::jsonb)", root + ".x").message())
                .isEqualTo("msg cannot be NULL");
        assertThat(expectError(db, "SELECT pgmq.send_topic(?::text, ?::jsonb, ?::int)", root + ".x", "{}", -1)
                .message()).isEqualTo("delay cannot be negative, got: -1");
        assertThat(expectError(db, "SELECT pgmq.send_topic(?::text, ?::jsonb)", root + ".", "{}").message())
                .isEqualTo("routing_key cannot end with a dot. Got: " + root + ".");
        assertThat(queueCount(queue)).isZero();
    }

    @Test
    void aRolledBackSendTopicLeavesNoMessageAnywhere() throws SQLException {
        String first = createQueue();
        String second = createQueue();
        bind(root + ".*", first);
        bind(root + ".*", second);
        Connection tx = open();
        tx.setAutoCommit(false);

        assertThat(scalar(tx, "SELECT pgmq.send_topic(?::text, ?::jsonb)", Integer.class, root + ".x", "{}"))
                .isEqualTo(2);
        tx.rollback();

        assertThat(queueCount(first) + queueCount(second)).isZero();
    }

    @Test
    void sendBatchTopicReturnsWhereEachMessageWentInQueueOrder() throws SQLException {
        String base = "ct_" + randomSuffix(8);
        String second = track(base + "_b");
        String first = track(base + "_a");
        query(db, "SELECT pgmq.create(?::text)", second);
        query(db, "SELECT pgmq.create(?::text)", first);
        bind(root + ".*", second);
        bind(root + ".#", first);

        List<Row> rows = query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[])", root + ".x",
                jsonbArray(db, "{\"n\": 1}", "{\"n\": 2}"));

        assertThat(rows.getFirst().columns()).containsExactly("queue_name", "msg_id");
        assertThat(rows).extracting(r -> r.text("queue_name")).containsExactly(first, first, second, second);
        for (Row row : rows) {
            assertThat(queueRow(row.text("queue_name"), row.getLong("msg_id"))).isNotNull();
        }
        assertThat(queueRow(first, rows.get(0).getLong("msg_id")).text("message")).isEqualTo(jsonb("{\"n\": 1}"));
        assertThat(queueRow(first, rows.get(1).getLong("msg_id")).text("message")).isEqualTo(jsonb("{\"n\": 2}"));
        assertThat(query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[])", root + "x.none",
                jsonbArray(db, "{}"))).as("no binding matches").isEmpty();
    }

    @Test
    void sendBatchTopicOverloadsPassHeadersAndDelays() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);
        String key = root + ".k";
        Instant inAnHour = serverClock().plusSeconds(3600);

        query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::jsonb[])", key,
                jsonbArray(db, "{\"v\": 1}"), jsonbArray(db, "{\"h\": 1}"));
        query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::int)", key, jsonbArray(db, "{}"), 300);
        query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::timestamptz)", key,
                jsonbArray(db, "{}"), inAnHour);
        query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::jsonb[], ?::int)", key,
                jsonbArray(db, "{}"), jsonbArray(db, "{\"h\": 2}"), 300);
        query(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::jsonb[], ?::timestamptz)", key,
                jsonbArray(db, "{}"), jsonbArray(db, "{\"h\": 3}"), inAnHour);

        List<Row> visible = read(queue, 30, 10);
        assertThat(visible).hasSize(1);
        assertThat(visible.getFirst().text("headers")).isEqualTo(jsonb("{\"h\": 1}"));
        assertThat(queueCount(queue)).isEqualTo(5);
        assertThat(scalar(db, "SELECT count(*) FROM pgmq." + quoteIdent("q_" + queue) + " WHERE vt = ?::timestamptz",
                Long.class, inAnHour)).isEqualTo(2L);
    }

    @Test
    void sendBatchTopicValidatesTheBatchOnceBeforeSending() throws SQLException {
        String queue = createQueue();
        bind(root + ".*", queue);

        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[])", root + ".x",
                jsonbArray(db)).message()).isEqualTo("msgs cannot be NULL or empty");
        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[], ?::jsonb[])",
                root + ".x", jsonbArray(db, "{}", "{}"), jsonbArray(db, "{}")).message())
                .isEqualTo("headers array length (1) must match msgs array length (2)");
        assertThat(expectError(db, "SELECT * FROM pgmq.send_batch_topic(?::text, ?::jsonb[])", root + "..x",
                jsonbArray(db, "{}")).message()).isEqualTo("routing_key cannot contain consecutive dots. Got: "
                + root + "..x");
        assertThat(queueCount(queue)).isZero();
    }

    // ------------------------------------------------------------------------------------------------------------
    // schema

    @Test
    void topicBindingsTableHasTheSpecifiedShape() throws SQLException {
        List<Row> columns = query(db, "SELECT column_name::text AS name, data_type::text AS type, is_nullable::text "
                + "AS nullable, is_generated::text AS generated FROM information_schema.columns "
                + "WHERE table_schema = 'pgmq' AND table_name = 'topic_bindings' ORDER BY ordinal_position");
        assertThat(columns).extracting(r -> r.text("name") + " " + r.text("type") + " " + r.text("nullable") + " "
                + r.text("generated")).containsExactly(
                "pattern text NO NEVER",
                "queue_name text NO NEVER",
                "bound_at timestamp with time zone NO NEVER",
                "compiled_regex text YES ALWAYS");
        assertThat(query(db, "SELECT conname::text || ' ' || contype::text || CASE contype WHEN 'f' "
                + "THEN ' on delete ' || confdeltype::text ELSE '' END AS c FROM pg_constraint "
                + "WHERE conrelid = 'pgmq.topic_bindings'::regclass")).extracting(r -> r.text("c"))
                .contains("topic_bindings_meta_queue_name_fk f on delete c", "topic_bindings_unique_pattern_queue u");
        assertThat(scalar(db, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'pgmq' "
                + "AND indexname = 'idx_topic_bindings_covering'", String.class))
                .contains("(pattern) INCLUDE (queue_name, compiled_regex)");
    }

    // ------------------------------------------------------------------------------------------------------------

    private void bind(String pattern, String queue) throws SQLException {
        query(db, "SELECT pgmq.bind_topic(?::text, ?::text)", pattern, queue);
    }

    /** The values in the database's own text order (ORDER BY uses the database collation). */
    private List<String> sortedByDatabase(String... values) throws SQLException {
        return query(db, "SELECT v FROM unnest(?::text[]) v ORDER BY v", db.createArrayOf("text", values)).stream()
                .map(r -> r.text("v")).toList();
    }

    private List<String> patterns(String routingKey) throws SQLException {
        List<Row> rows = query(db, "SELECT * FROM pgmq.test_routing(?::text)", routingKey);
        if (!rows.isEmpty()) {
            assertThat(rows.getFirst().columns()).containsExactly("pattern", "queue_name", "compiled_regex");
        }
        return rows.stream().map(r -> r.text("pattern")).toList();
    }
}

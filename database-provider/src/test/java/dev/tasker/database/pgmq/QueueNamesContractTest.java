package dev.tasker.database.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** B.5: queue-name validation, sanitising, case, missing queues. */
class QueueNamesContractTest extends PgmqContract {

    /** Calls of several functions, each with the queue name as its first (text) parameter. */
    private static final List<String> CALLS_TAKING_A_NAME = List.of(
            "SELECT pgmq.create(?::text)",
            "SELECT pgmq.create_unlogged(?::text)",
            "SELECT pgmq.drop_queue(?::text)",
            "SELECT pgmq.purge_queue(?::text)",
            "SELECT * FROM pgmq.metrics(?::text)",
            "SELECT * FROM pgmq.send(?::text, '{}'::jsonb)",
            "SELECT * FROM pgmq.send_batch(?::text, ARRAY['{}'::jsonb])",
            "SELECT * FROM pgmq.read(?::text, 30, 1)",
            "SELECT * FROM pgmq.read_with_poll(?::text, 30, 1, 1, 100)",
            "SELECT * FROM pgmq.pop(?::text)",
            "SELECT pgmq.delete(?::text, 1::bigint)",
            "SELECT * FROM pgmq.delete(?::text, ARRAY[1]::bigint[])",
            "SELECT pgmq.archive(?::text, 1::bigint)",
            "SELECT * FROM pgmq.archive(?::text, ARRAY[1]::bigint[])",
            "SELECT * FROM pgmq.set_vt(?::text, 1::bigint, 30)");

    static Stream<Arguments> invalidNamesAndCalls() {
        return Stream.of("ct_a$b", "ct_a;b", "ct_a--b", "ct_a'b")
                .flatMap(name -> CALLS_TAKING_A_NAME.stream().map(call -> Arguments.of(name, call)));
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @MethodSource("invalidNamesAndCalls")
    void namesWithDollarSemicolonDoubleDashOrApostropheAreRejectedWithTheExactText(String name, String call) {
        PgError error = expectError(db, call, name);

        assertThat(error.message()).isEqualTo(INVALID_CHARACTERS);
        assertThat(INVALID_CHARACTERS).endsWith("\\'");
    }

    @Test
    void theInvalidCharacterCheckComesBeforeTheMissingQueueCheck() {
        // No queue "ct_x;y" exists: the name check fires first, not relation-does-not-exist.
        PgError error = expectError(db, "SELECT * FROM pgmq.read(?::text, 30, 1)", "ct_" + randomSuffix(6) + ";y");
        assertThat(error.message()).isEqualTo(INVALID_CHARACTERS);
    }

    @Test
    void rejectedNamesCreateNothing() throws SQLException {
        String base = "ct_" + randomSuffix(8);
        expectError(db, "SELECT pgmq.create(?::text)", base + "$x");
        assertThat(longValue(db, "SELECT count(*) FROM pgmq.meta WHERE queue_name LIKE ?::text", base + "%")).isZero();
    }

    @Test
    void formatTableNameReturnsLowercasedPrefixedName() throws SQLException {
        assertThat(scalar(db, "SELECT pgmq.format_table_name(?::text, ?::text)", String.class, "My_Queue", "q"))
                .isEqualTo("q_my_queue");
        assertThat(expectError(db, "SELECT pgmq.format_table_name(?::text, ?::text)", "a--b", "q").message())
                .isEqualTo(INVALID_CHARACTERS);
    }

    @Test
    void singleHyphenAndSpacesAreAllowed() throws SQLException {
        String queue = track("ct-" + randomSuffix(6) + " with space");
        query(db, "SELECT pgmq.create(?::text)", queue);

        assertThat(relationExists("pgmq." + quoteIdent("q_" + queue))).isTrue();
        assertThat(relationExists("pgmq." + quoteIdent("a_" + queue))).isTrue();
        long id = send(queue, "{\"h\":1}");
        List<Row> rows = read(queue, 30, 1);
        assertThat(rows).extracting(r -> r.getLong("msg_id")).containsExactly(id);
        assertThat(query(db, "SELECT * FROM pgmq.metrics(?::text)", queue).getFirst().getLong("queue_length"))
                .isEqualTo(1);
        assertThat(scalar(db, "SELECT pgmq.drop_queue(?::text)", Boolean.class, queue)).isTrue();
        assertThat(relationExists("pgmq." + quoteIdent("q_" + queue))).isFalse();
    }

    @Test
    void aNameOf47CharactersIsAcceptedByCreateAndCreateUnlogged() throws SQLException {
        assumeAtLeast(1, 6, 0, "the 47-character queue-name limit (> 47)");
        String name = track("ct_" + randomSuffix(44));
        assertThat(name).hasSize(47);
        query(db, "SELECT pgmq.create(?::text)", name);
        assertThat(relationExists("pgmq.q_" + name)).isTrue();
        assertThat(scalar(db, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'pgmq' AND indexname = ?::text",
                Long.class, "archived_at_idx_" + name)).isEqualTo(1);

        String unlogged = track("ct_" + randomSuffix(44));
        query(db, "SELECT pgmq.create_unlogged(?::text)", unlogged);
        assertThat(relationExists("pgmq.q_" + unlogged)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pgmq.create(?::text)", "SELECT pgmq.create_unlogged(?::text)",
            "SELECT pgmq.create_non_partitioned(?::text)"})
    void aNameOf48CharactersIsRejectedByCreate(String call) throws SQLException {
        assumeAtLeast(1, 6, 0, "the 47-character queue-name limit (> 47)");
        String name = track("ct_" + randomSuffix(45));
        assertThat(name).hasSize(48);

        PgError error = expectError(db, call, name);

        assertThat(error.message()).isEqualTo(NAME_TOO_LONG);
        assertThat(relationExists("pgmq.q_" + name)).isFalse();
        assertThat(longValue(db, "SELECT count(*) FROM pgmq.meta WHERE queue_name = ?::text", name)).isZero();
    }

    @Test
    void onlyCreateChecksTheLength() {
        // A long name on another function is not validated for length: the missing table is reported instead.
        String name = "ct_" + randomSuffix(50);
        PgError error = expectError(db, "SELECT * FROM pgmq.send(?::text, '{}'::jsonb)", name);
        assertThat(error.sqlState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(error.message()).isEqualTo("relation \"pgmq.q_" + name + "\" does not exist");
    }

    @Test
    void mixedCaseNamesUseLowercasedTablesButMetaKeepsTheName() throws SQLException {
        String queue = track("CT_Mixed_" + randomSuffix(8));
        String lower = queue.toLowerCase(Locale.ROOT);
        query(db, "SELECT pgmq.create(?::text)", queue);

        assertThat(relationExists("pgmq.q_" + lower)).isTrue();
        assertThat(relationExists("pgmq.a_" + lower)).isTrue();
        assertThat(relationExists("pgmq." + quoteIdent("q_" + queue))).isFalse();
        assertThat(query(db, "SELECT queue_name::text AS n FROM pgmq.meta WHERE lower(queue_name) = ?::text", lower))
                .extracting(r -> r.text("n")).containsExactly(queue);
        assertThat(query(db, "SELECT * FROM pgmq.list_queues()")).extracting(r -> r.text("queue_name"))
                .contains(queue).doesNotContain(lower);
    }

    @Test
    void anyCaseSpellingReachesTheSameQueue() throws SQLException {
        String queue = track("CT_Mixed_" + randomSuffix(8));
        query(db, "SELECT pgmq.create(?::text)", queue);

        long id = send(queue, "{\"case\":1}");
        List<Row> upper = read(queue.toUpperCase(Locale.ROOT), 30, 1);
        assertThat(upper).extracting(r -> r.getLong("msg_id")).containsExactly(id);

        long second = send(queue.toLowerCase(Locale.ROOT), "{\"case\":2}");
        assertThat(query(db, "SELECT * FROM pgmq.pop(?::text)", queue).getFirst().getLong("msg_id")).isEqualTo(second);
    }

    @Test
    void namesDifferingOnlyInCaseShareTablesButGetTwoMetaRows() throws SQLException {
        String lower = "ct_" + randomSuffix(8);
        String upper = lower.toUpperCase(Locale.ROOT);
        track(lower);
        track(upper);
        query(db, "SELECT pgmq.create(?::text)", lower);
        long id = send(lower, "{}");
        query(db, "SELECT pgmq.create(?::text)", upper);

        assertThat(query(db, "SELECT queue_name::text AS n FROM pgmq.meta WHERE lower(queue_name) = ?::text", lower))
                .extracting(r -> r.text("n")).containsExactlyInAnyOrder(lower, upper);
        assertThat(read(upper, 30, 1)).extracting(r -> r.getLong("msg_id")).containsExactly(id);
    }

    @Test
    void metricsEchoesTheNameAsGiven() throws SQLException {
        String queue = track("CT_Mixed_" + randomSuffix(8));
        query(db, "SELECT pgmq.create(?::text)", queue);
        send(queue, "{}");

        Row upper = query(db, "SELECT * FROM pgmq.metrics(?::text)", queue.toUpperCase(Locale.ROOT)).getFirst();

        assertThat(upper.text("queue_name")).isEqualTo(queue.toUpperCase(Locale.ROOT));
        assertThat(upper.getLong("queue_length")).isEqualTo(1);
    }

    static Stream<String> callsOnAMissingQueue() {
        return Stream.of(
                "SELECT * FROM pgmq.send(?::text, '{}'::jsonb)",
                "SELECT * FROM pgmq.send(?::text, '{}'::jsonb, 5)",
                "SELECT * FROM pgmq.send_batch(?::text, ARRAY['{}'::jsonb])",
                "SELECT * FROM pgmq.read(?::text, 30, 1)",
                "SELECT * FROM pgmq.read_with_poll(?::text, 30, 1, 1, 100)",
                "SELECT * FROM pgmq.pop(?::text)",
                "SELECT pgmq.delete(?::text, 1::bigint)",
                "SELECT * FROM pgmq.delete(?::text, ARRAY[1]::bigint[])",
                "SELECT pgmq.archive(?::text, 1::bigint)",
                "SELECT * FROM pgmq.archive(?::text, ARRAY[1]::bigint[])",
                "SELECT * FROM pgmq.set_vt(?::text, 1::bigint, 30)",
                "SELECT pgmq.purge_queue(?::text)",
                "SELECT * FROM pgmq.metrics(?::text)");
    }

    @ParameterizedTest
    @MethodSource("callsOnAMissingQueue")
    void aMissingQueueRaisesPostgresUndefinedTable(String call) {
        String name = "ct_nope_" + randomSuffix(8);

        PgError error = expectError(db, call, name);

        assertThat(error.sqlState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(error.message()).isEqualTo("relation \"pgmq.q_" + name + "\" does not exist");
    }

    @Test
    void aMissingMixedCaseQueueIsReportedWithTheLowercasedTableName() {
        String name = "CT_Nope_" + randomSuffix(8);

        PgError error = expectError(db, "SELECT * FROM pgmq.read(?::text, 30, 1)", name);

        assertThat(error.sqlState()).isEqualTo(UNDEFINED_TABLE);
        assertThat(error.message())
                .isEqualTo("relation \"pgmq.q_" + name.toLowerCase(Locale.ROOT) + "\" does not exist");
    }

    @Test
    void theEmptyNameIsAccepted() throws SQLException {
        track("");
        query(db, "SELECT pgmq.create(?::text)", "");

        assertThat(relationExists("pgmq.q_")).isTrue();
        assertThat(relationExists("pgmq.a_")).isTrue();
        long id = send("", "{\"empty\":true}");
        assertThat(read("", 30, 1)).extracting(r -> r.getLong("msg_id")).contains(id);
        assertThat(scalar(db, "SELECT pgmq.drop_queue(?::text)", Boolean.class, "")).isTrue();
        assertThat(relationExists("pgmq.q_")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pgmq.create(NULL::text)", "SELECT * FROM pgmq.send(NULL::text, '{}'::jsonb)",
            "SELECT * FROM pgmq.read(NULL::text, 30, 1)"})
    void aNullNameFailsWhenFormattedAsAnIdentifier(String call) {
        PgError error = expectError(db, call);

        assertThat(error.message()).isEqualTo("null values cannot be formatted as an SQL identifier");
    }
}

package dev.tasker.schema.tasker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.schema.tasker.CatalogLines.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The migrated tasker database's catalog, compared line by line with upstream's final catalog
 * ({@code upstream-catalog/tasker-*.txt}, plus {@code pgmq-*.txt} in single mode), apart from the {@link Deviation}s.
 * tasker-schema.md §0.1: "same tables, columns, types, defaults, constraints, indexes, views, functions and triggers".
 */
@DisplayName("Catalog equals upstream's final catalog, apart from the named deviations")
class UpstreamCatalogTest extends TaskerSchemaTest {

    private List<Deviation> deviations;

    @BeforeAll
    void collectDeviations() throws SQLException {
        boolean pgUuidv7Extension = (boolean) value("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_uuidv7')");
        deviations = Deviation.inEffect(!databases.pgmqIsSeparate(), !pgUuidv7Extension);
    }

    @Test
    @DisplayName("tables and columns: positions, types, nullability and defaults (§2)")
    void tablesAndColumns() throws SQLException {
        assertMatchesUpstream(Kind.TABLES);
    }

    @Test
    @DisplayName("constraints: primary keys, uniques (Q1 duplicates), foreign keys (63-character names), CHECKs (§2, §7)")
    void constraints() throws SQLException {
        assertMatchesUpstream(Kind.CONSTRAINTS);
    }

    @Test
    @DisplayName("indexes: names, methods, columns, INCLUDE lists and predicates (§2)")
    void indexes() throws SQLException {
        assertMatchesUpstream(Kind.INDEXES);
    }

    @Test
    @DisplayName("functions: arguments, defaults, results, volatility, language, security, strictness, parallel (§6.1)")
    void functions() throws SQLException {
        assertMatchesUpstream(Kind.FUNCTIONS);
    }

    @Test
    @DisplayName("views: columns and their types (§4)")
    void views() throws SQLException {
        assertMatchesUpstream(Kind.VIEWS);
    }

    @Test
    @DisplayName("triggers and event triggers (§5; pgmq-api.md in single mode)")
    void triggers() throws SQLException {
        assertMatchesUpstream(Kind.TRIGGERS);
    }

    @Test
    @DisplayName("types and sequences: enum labels in order, sequence properties and owners (§0.5, §3)")
    void typesAndSequences() throws SQLException {
        assertMatchesUpstream(Kind.TYPES);
    }

    @Test
    @DisplayName("the pgmq set's objects are in the tasker database in single mode only (split-and-runtime.md)")
    void pgmqObjectsOnlyInSingleMode() throws SQLException {
        List<String> pgmqFunctionNames = upstream("pgmq", Kind.FUNCTIONS).stream().map(line -> field(line, 0)).toList();
        List<String> functionNames = CatalogLines.render(db, Kind.FUNCTIONS).stream().map(line -> field(line, 0)).toList();

        if (databases.pgmqIsSeparate()) {
            assertThat(functionNames).doesNotContainAnyElementsOf(pgmqFunctionNames);
            assertThat(CatalogLines.render(db, Kind.TRIGGERS)).noneMatch(line -> line.contains("pgmq"));
        } else {
            assertThat(functionNames).containsAll(pgmqFunctionNames);
        }
    }

    @Test
    @DisplayName("the comparison reports a dropped index and a dropped CHECK as missing, exactly those lines")
    void droppedObjectsAreReportedMissing() throws SQLException {
        String index = "public.tasker_tasks|idx_tasker_tasks_priority|CREATE INDEX idx_tasker_tasks_priority"
                + " ON public.tasker_tasks USING btree (priority)";
        String check = upstream("tasker", Kind.CONSTRAINTS).stream()
                .filter(line -> line.startsWith("public.tasker_task_transitions|chk_task_transitions_to_state|"))
                .findFirst().orElseThrow();

        Map<Kind, CatalogDiff> before;
        Map<Kind, CatalogDiff> after;
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                before = compareAll(connection);
                run(connection, "DROP INDEX idx_tasker_tasks_priority",
                        "ALTER TABLE tasker_task_transitions DROP CONSTRAINT chk_task_transitions_to_state");
                after = compareAll(connection);
            } finally {
                connection.rollback();
            }
        }

        assertThat(added(before.get(Kind.INDEXES).missing(), after.get(Kind.INDEXES).missing())).containsExactly(index);
        assertThat(added(before.get(Kind.CONSTRAINTS).missing(), after.get(Kind.CONSTRAINTS).missing()))
                .containsExactly(check);
        assertThat(after.get(Kind.INDEXES).report("indexes")).contains("- " + index);
        for (Kind kind : Kind.values()) {
            assertThat(after.get(kind).extra()).as("extra %s", kind).isEqualTo(before.get(kind).extra());
        }
    }

    @Test
    @DisplayName("the comparison reports an extra object of every kind as exactly its catalog line")
    void extraObjectsAreReportedExtra() throws SQLException {
        Map<Kind, List<String>> probes = new EnumMap<>(Kind.class);
        probes.put(Kind.TABLES, List.of(
                "public.tasker_annotation_types|6|probe_note|character varying(12)|NOT NULL|'n/a'::character varying"));
        probes.put(Kind.CONSTRAINTS, List.of(
                "public.tasker_annotation_types|catalog_probe_check|CHECK ((length((name)::text) > 0))"));
        probes.put(Kind.INDEXES, List.of("public.tasker_annotation_types|catalog_probe_idx|CREATE INDEX catalog_probe_idx"
                + " ON public.tasker_annotation_types USING btree (lower((name)::text)) WHERE (description IS NOT NULL)"));
        probes.put(Kind.FUNCTIONS, List.of(
                "public.catalog_probe|a integer|integer|STABLE|sql|SECURITY INVOKER|RETURNS NULL ON NULL INPUT"
                        + "|PARALLEL UNSAFE|a integer DEFAULT 1",
                "public.catalog_probe_touch||trigger|VOLATILE|plpgsql|SECURITY INVOKER|CALLED ON NULL INPUT"
                        + "|PARALLEL UNSAFE|"));
        probes.put(Kind.VIEWS, List.of("public.catalog_probe_view|1|annotation_type_id|integer",
                "public.catalog_probe_view|2|name|character varying(64)"));
        probes.put(Kind.TRIGGERS, List.of("public.tasker_annotation_types|catalog_probe_trigger|CREATE TRIGGER"
                + " catalog_probe_trigger BEFORE UPDATE ON public.tasker_annotation_types FOR EACH ROW"
                + " EXECUTE FUNCTION catalog_probe_touch()|ENABLED"));
        probes.put(Kind.TYPES, List.of("enum|public.catalog_probe_mood|1|calm", "enum|public.catalog_probe_mood|2|busy",
                "sequence|public.catalog_probe_seq|smallint|START 5|INCREMENT 1|MINVALUE 1|MAXVALUE 32767|CACHE 2|CYCLE",
                "domain|public.catalog_probe_code"));

        Map<Kind, CatalogDiff> before;
        Map<Kind, CatalogDiff> after;
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                before = compareAll(connection);
                run(connection,
                        "ALTER TABLE tasker_annotation_types ADD COLUMN probe_note varchar(12) NOT NULL DEFAULT 'n/a'",
                        "ALTER TABLE tasker_annotation_types ADD CONSTRAINT catalog_probe_check CHECK (length(name) > 0)",
                        "CREATE INDEX catalog_probe_idx ON tasker_annotation_types (lower(name))"
                                + " WHERE description IS NOT NULL",
                        "CREATE FUNCTION catalog_probe(a integer DEFAULT 1) RETURNS integer LANGUAGE sql STABLE STRICT"
                                + " AS 'SELECT a'",
                        "CREATE FUNCTION catalog_probe_touch() RETURNS trigger LANGUAGE plpgsql"
                                + " AS 'BEGIN RETURN NEW; END'",
                        "CREATE TRIGGER catalog_probe_trigger BEFORE UPDATE ON tasker_annotation_types"
                                + " FOR EACH ROW EXECUTE FUNCTION catalog_probe_touch()",
                        "CREATE VIEW catalog_probe_view AS SELECT annotation_type_id, name FROM tasker_annotation_types",
                        "CREATE TYPE catalog_probe_mood AS ENUM ('calm', 'busy')",
                        "CREATE SEQUENCE catalog_probe_seq AS smallint START 5 CACHE 2 CYCLE",
                        "CREATE DOMAIN catalog_probe_code AS text");
                after = compareAll(connection);
            } finally {
                connection.rollback();
            }
        }

        for (Kind kind : Kind.values()) {
            assertThat(added(before.get(kind).extra(), after.get(kind).extra())).as("new extra %s lines", kind)
                    .containsExactlyInAnyOrderElementsOf(probes.get(kind));
            assertThat(after.get(kind).missing()).as("missing %s", kind).isEqualTo(before.get(kind).missing());
        }
    }

    @Test
    @DisplayName("an event trigger is rendered like upstream's (CREATE EVENT TRIGGER ... WHEN TAG IN ...)")
    void eventTriggerLine() throws SQLException {
        assumeTrue((boolean) value("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"),
                "creating an event trigger needs a superuser");
        List<String> triggers;
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                run(connection, "CREATE FUNCTION catalog_probe_ddl() RETURNS event_trigger LANGUAGE plpgsql"
                                + " AS 'BEGIN END'",
                        "CREATE EVENT TRIGGER catalog_probe_event ON ddl_command_end"
                                + " WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION catalog_probe_ddl()",
                        "ALTER EVENT TRIGGER catalog_probe_event DISABLE");
                triggers = CatalogLines.render(connection, Kind.TRIGGERS);
            } finally {
                connection.rollback();
            }
        }

        assertThat(triggers).contains("(event trigger)|catalog_probe_event|CREATE EVENT TRIGGER catalog_probe_event"
                + " ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')"
                + " EXECUTE FUNCTION catalog_probe_ddl()|DISABLED");
    }

    @Test
    @DisplayName("a deviation whose upstream line is gone fails instead of allowing anything")
    void staleDeviationFails() {
        Deviation stale = Deviation.replaces("stale", "none", Kind.FUNCTIONS, "public.no_such_function||void", "x");

        assertThatThrownBy(() -> stale.applyTo(upstream("tasker", Kind.FUNCTIONS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public.no_such_function||void");
    }

    private void assertMatchesUpstream(Kind kind) throws SQLException {
        CatalogDiff diff = compare(db, kind);

        assertThat(diff.isEmpty()).withFailMessage("%s", diff.report(kind.fileSuffix + " differ from upstream")).isTrue();
    }

    /** Expected lines of {@code kind} (upstream's, with the deviations in effect) against the database's. */
    private CatalogDiff compare(Connection connection, Kind kind) throws SQLException {
        List<String> expected = new ArrayList<>(upstream("tasker", kind));
        if (!databases.pgmqIsSeparate()) {
            expected.addAll(upstream("pgmq", kind));
        }
        List<Deviation> ofKind = deviations.stream().filter(deviation -> deviation.kind() == kind).toList();
        for (Deviation deviation : ofKind) {
            expected = deviation.applyTo(expected);
        }
        List<String> actual = CatalogLines.render(connection, kind).stream()
                .filter(line -> ofKind.stream().noneMatch(deviation -> deviation.ignores(line)))
                .toList();
        return CatalogDiff.between(expected, actual);
    }

    private Map<Kind, CatalogDiff> compareAll(Connection connection) throws SQLException {
        Map<Kind, CatalogDiff> diffs = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            diffs.put(kind, compare(connection, kind));
        }
        return diffs;
    }

    /** Lines of an upstream reference file, without its comment header. */
    private static List<String> upstream(String set, Kind kind) {
        String resource = "/upstream-catalog/" + set + "-" + kind.fileSuffix + ".txt";
        try (InputStream in = UpstreamCatalogTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> added(List<String> before, List<String> after) {
        List<String> result = new ArrayList<>(after);
        result.removeAll(before);
        return result;
    }

    private static String field(String line, int index) {
        return line.split("\\|", -1)[index];
    }

    private static void run(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

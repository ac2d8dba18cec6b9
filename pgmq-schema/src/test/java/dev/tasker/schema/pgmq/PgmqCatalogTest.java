package dev.tasker.schema.pgmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The objects of the set compared with upstream's exact final catalog ({@code upstream-catalog/pgmq-functions.txt},
 * {@code pgmq-triggers.txt}), line by line. The only differences allowed are the project decisions named in
 * {@link #FUNCTION_DEVIATIONS} and {@link #TRIGGER_DEVIATIONS}; a missing or an extra line fails.
 */
class PgmqCatalogTest extends PgmqSchemaTest {

    /** Decision "extract_queue_namespace is IMMUTABLE" (seed; upstream declared nothing, so VOLATILE). */
    static final Map<String, String> FUNCTION_DEVIATIONS = Map.of(
            "public.extract_queue_namespace|queue_name text|text|VOLATILE|",
            "public.extract_queue_namespace|queue_name text|text|IMMUTABLE|");

    /** Decision "the headers event trigger is named pgmq_headers_event_trigger" (seed; upstream's other name). */
    static final Map<String, String> TRIGGER_DEVIATIONS = Map.of(
            "pgmq_headers_compatibility_trigger", "pgmq_headers_event_trigger");

    /**
     * Every function of the set and anything that looks like one of it: functions in schema public that belong to
     * no extension and are named pgmq_* or extract_queue_namespace (a shared database may hold other people's
     * functions; an extra overload or helper of ours still shows up).
     */
    private static final String FUNCTIONS = """
            SELECT n.nspname || '.' || p.proname
                   || '|' || pg_get_function_identity_arguments(p.oid)
                   || '|' || pg_get_function_result(p.oid)
                   || '|' || CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END
                   || '|' || l.lanname
                   || '|' || CASE WHEN p.prosecdef THEN 'SECURITY DEFINER' ELSE 'SECURITY INVOKER' END
                   || '|' || CASE WHEN p.proisstrict THEN 'RETURNS NULL ON NULL INPUT' ELSE 'CALLED ON NULL INPUT' END
                   || '|' || CASE p.proparallel WHEN 's' THEN 'PARALLEL SAFE' WHEN 'r' THEN 'PARALLEL RESTRICTED'
                                                ELSE 'PARALLEL UNSAFE' END
                   || '|' || pg_get_function_arguments(p.oid) AS line
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_language l ON l.oid = p.prolang
            WHERE n.nspname = 'public'
              AND (p.proname LIKE 'pgmq\\_%' OR p.proname = 'extract_queue_namespace')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1""";

    /** Row triggers on pgmq.meta and the event triggers of this set, in the catalog file's format. */
    private static final String TRIGGERS = """
            SELECT t.tgrelid::regclass::text || '|' || t.tgname || '|' || pg_get_triggerdef(t.oid)
                   || '|' || CASE t.tgenabled WHEN 'O' THEN 'ENABLED' WHEN 'D' THEN 'DISABLED'
                                              WHEN 'R' THEN 'REPLICA' ELSE 'ALWAYS' END AS line
            FROM pg_trigger t
            WHERE t.tgrelid = 'pgmq.meta'::regclass AND NOT t.tgisinternal
            UNION ALL
            SELECT '(event trigger)|' || e.evtname || '|CREATE EVENT TRIGGER ' || e.evtname || ' ON ' || e.evtevent
                   || COALESCE(' WHEN TAG IN (' || array_to_string(ARRAY(SELECT quote_literal(tag)
                                                                      FROM unnest(e.evttags) AS tag), ', ') || ')', '')
                   || ' EXECUTE FUNCTION ' || e.evtfoid::regproc::text || '()'
                   || '|' || CASE e.evtenabled WHEN 'O' THEN 'ENABLED' WHEN 'D' THEN 'DISABLED'
                                               WHEN 'R' THEN 'REPLICA' ELSE 'ALWAYS' END
            FROM pg_event_trigger e
            WHERE e.evtname LIKE 'pgmq\\_%' OR e.evtfoid = 'public.pgmq_auto_add_headers_trigger()'::regprocedure
            ORDER BY 1""";

    @Test
    @DisplayName("the 9 public functions equal pgmq-functions.txt, except extract_queue_namespace being IMMUTABLE")
    void functionsMatchTheUpstreamCatalog() throws Exception {
        List<String> expected = applyDeviations(catalogLines("pgmq-functions.txt"), FUNCTION_DEVIATIONS);

        List<String> actual = lines(FUNCTIONS);

        assertThat(expected).hasSize(9);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("the pgmq.meta trigger and the event trigger equal pgmq-triggers.txt, except the event trigger's name")
    void triggersMatchTheUpstreamCatalog() throws Exception {
        List<String> expected = applyDeviations(catalogLines("pgmq-triggers.txt"), TRIGGER_DEVIATIONS);
        if (!superuser()) {
            // Decision: a role that is not a superuser skips the event trigger (checked in NonSuperuserMigrationTest).
            expected.removeIf(line -> line.startsWith("(event trigger)|"));
        }

        List<String> actual = lines(TRIGGERS);

        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("pgmq_ensure_headers_column carries the comment 'required by pgmq extension v1.5.1+'")
    void ensureHeadersColumnHasItsComment() throws SQLException {
        assertThat(value("SELECT obj_description('public.pgmq_ensure_headers_column(text)'::regprocedure, 'pg_proc')"))
                .isEqualTo("required by pgmq extension v1.5.1+");
    }

    /** The upstream file's lines (comments dropped), with each deviation applied; a deviation that matches nothing fails. */
    private static List<String> applyDeviations(List<String> upstream, Map<String, String> deviations) {
        List<String> result = new ArrayList<>(upstream);
        deviations.forEach((from, to) -> {
            assertThat(result).as("a line the deviation '%s' applies to", from).anyMatch(line -> line.contains(from));
            result.replaceAll(line -> line.replace(from, to));
        });
        result.sort(null);
        return result;
    }

    private List<String> lines(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        for (Map<String, Object> row : rows(sql)) {
            result.add((String) row.values().iterator().next());
        }
        result.sort(null);
        return result;
    }

    private static List<String> catalogLines(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                PgmqCatalogTest.class.getResourceAsStream("/upstream-catalog/" + file), file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }
}

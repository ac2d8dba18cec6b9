package dev.tasker.schema.tasker;

import dev.tasker.schema.tasker.CatalogLines.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One allowed difference between upstream's final catalog and a database migrated by this project, with the place in
 * the spec that allows it. A deviation either replaces upstream lines by the project's ({@link #upstreamLines} are
 * removed from the expected lines, {@link #projectLines} added), or marks actual lines as project infrastructure that
 * is not schema ({@link #infrastructure}).
 *
 * <p>These are the ONLY allowed differences; {@link #inEffect} says which apply to a given database.
 */
record Deviation(String name, String specReference, Kind kind, List<String> upstreamLines, List<String> projectLines,
                 Pattern infrastructure) {

    /** The tasker set's fallback uuid_generate_v7() on the built-in uuidv7(), as the UUID region creates it. */
    static final String UUID_FALLBACK_FUNCTION =
            "public.uuid_generate_v7||uuid|VOLATILE|sql|SECURITY INVOKER|CALLED ON NULL INPUT|PARALLEL SAFE|";

    /** The project's pgmq_available(). */
    static final String PGMQ_AVAILABLE_FUNCTION =
            "public.pgmq_available||boolean|STABLE|plpgsql|SECURITY INVOKER|CALLED ON NULL INPUT|PARALLEL UNSAFE|";

    /** The seed's queue-statistics fallback next to pgmq_available(). */
    static final String PGMQ_QUEUE_LENGTH_FUNCTION = "public.pgmq_queue_length|queue_name text|bigint|STABLE|plpgsql"
            + "|SECURITY INVOKER|CALLED ON NULL INPUT|PARALLEL UNSAFE|queue_name text";

    static Deviation replaces(String name, String specReference, Kind kind, String upstreamLine, String projectLine) {
        return new Deviation(name, specReference, kind, List.of(upstreamLine), List.of(projectLine), null);
    }

    static Deviation adds(String name, String specReference, Kind kind, String projectLine) {
        return new Deviation(name, specReference, kind, List.of(), List.of(projectLine), null);
    }

    static Deviation ignores(String name, String specReference, Kind kind, String linePattern) {
        return new Deviation(name, specReference, kind, List.of(), List.of(), Pattern.compile(linePattern));
    }

    /**
     * The deviations that apply to a tasker database.
     *
     * @param singleMode            the pgmq set was migrated into the same database
     * @param uuidV7IsPlainFunction uuid_generate_v7() is the fallback function, not pg_uuidv7's (extension members
     *                              are not compared)
     */
    static List<Deviation> inEffect(boolean singleMode, boolean uuidV7IsPlainFunction) {
        List<Deviation> deviations = new ArrayList<>();
        String historyTables = "public\\.(tasker|pgmq)_schema_history\\|.*";
        for (Kind kind : List.of(Kind.TABLES, Kind.CONSTRAINTS, Kind.INDEXES)) {
            deviations.add(ignores("Flyway history tables (project infrastructure, not schema)",
                    "split-and-runtime.md, migrator: each set has its own history table", kind, historyTables));
        }
        deviations.add(adds("D2 pgmq_available()", "tasker-schema.md §6.14, §0.4 D2", Kind.FUNCTIONS,
                PGMQ_AVAILABLE_FUNCTION));
        deviations.add(adds("D2 the seed's queue-statistics fallback pgmq_queue_length()",
                "seed document, 20251115 \"Recommended Change\"; issue #3; tasker-schema.md §6.14", Kind.FUNCTIONS,
                PGMQ_QUEUE_LENGTH_FUNCTION));
        if (uuidV7IsPlainFunction) {
            deviations.add(adds("D5 uuid_generate_v7() on the built-in uuidv7()", "tasker-schema.md §0.2, §0.4 D5, §0.5",
                    Kind.FUNCTIONS, UUID_FALLBACK_FUNCTION));
        }
        if (singleMode) {
            deviations.add(replaces("extract_queue_namespace is IMMUTABLE (seed document)",
                    "pgmq-api.md A.3.1; split-and-runtime.md, Decisions for this project", Kind.FUNCTIONS,
                    "public.extract_queue_namespace|queue_name text|text|VOLATILE|plpgsql|SECURITY INVOKER"
                            + "|CALLED ON NULL INPUT|PARALLEL UNSAFE|queue_name text",
                    "public.extract_queue_namespace|queue_name text|text|IMMUTABLE|plpgsql|SECURITY INVOKER"
                            + "|CALLED ON NULL INPUT|PARALLEL UNSAFE|queue_name text"));
            deviations.add(replaces("event trigger named pgmq_headers_event_trigger (decision #1)",
                    "pgmq-api.md A.2.5; split-and-runtime.md, Decisions for this project", Kind.TRIGGERS,
                    "(event trigger)|pgmq_headers_compatibility_trigger|CREATE EVENT TRIGGER"
                            + " pgmq_headers_compatibility_trigger ON ddl_command_end WHEN TAG IN ('CREATE TABLE')"
                            + " EXECUTE FUNCTION pgmq_auto_add_headers_trigger()|ENABLED",
                    "(event trigger)|pgmq_headers_event_trigger|CREATE EVENT TRIGGER pgmq_headers_event_trigger"
                            + " ON ddl_command_end WHEN TAG IN ('CREATE TABLE')"
                            + " EXECUTE FUNCTION pgmq_auto_add_headers_trigger()|ENABLED"));
        }
        return deviations;
    }

    /**
     * {@code expected} with this deviation applied. Fails when an upstream line it replaces is not there: a deviation
     * that no longer matches upstream must not silently allow anything.
     */
    List<String> applyTo(List<String> expected) {
        List<String> result = new ArrayList<>(expected);
        for (String line : upstreamLines) {
            if (!result.remove(line)) {
                throw new IllegalStateException("deviation '" + name + "' replaces a line upstream does not have: " + line);
            }
        }
        result.addAll(projectLines);
        return result;
    }

    /** Whether {@code actualLine} is infrastructure this deviation leaves out of the comparison. */
    boolean ignores(String actualLine) {
        return infrastructure != null && infrastructure.matcher(actualLine).matches();
    }
}

package dev.tasker.schema.tasker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a database's catalog as lines in the format of the upstream reference files
 * ({@code src/test/resources/upstream-catalog/<set>-<kind>.txt}), one line per column, constraint, index, function,
 * view column, trigger, enum label or sequence.
 *
 * <p>Scope: schema {@code public}, extension members excluded; for triggers also the triggers of other schemas whose
 * function lives in {@code public} (the pgmq set's trigger on {@code pgmq.meta}) and the event triggers.
 */
final class CatalogLines {

    /** The kinds compared, each with the file suffix of its reference files and the query that renders it. */
    enum Kind {
        TABLES("tables", """
                SELECT n.nspname || '.' || c.relname || '|' || a.attnum || '|' || a.attname
                       || '|' || format_type(a.atttypid, a.atttypmod)
                       || '|' || CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END
                       || '|' || COALESCE(pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'f')
                  AND NOT EXISTS (%s)
                """.formatted(extensionMember("pg_class", "c.oid"))),

        CONSTRAINTS("constraints", """
                SELECT n.nspname || '.' || c.relname || '|' || con.conname || '|' || pg_get_constraintdef(con.oid)
                FROM pg_constraint con
                JOIN pg_class c ON c.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public'
                  AND con.contype <> 'n' -- NOT NULL is shown with the columns
                  AND NOT EXISTS (%s)
                """.formatted(extensionMember("pg_class", "c.oid"))),

        INDEXES("indexes", """
                SELECT n.nspname || '.' || t.relname || '|' || i.relname || '|' || pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public'
                  AND NOT EXISTS (%s)
                """.formatted(extensionMember("pg_class", "t.oid"))),

        FUNCTIONS("functions", """
                SELECT n.nspname || '.' || p.proname
                       || '|' || pg_get_function_identity_arguments(p.oid)
                       || '|' || COALESCE(pg_get_function_result(p.oid), '')
                       || '|' || CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END
                       || '|' || l.lanname
                       || '|' || CASE WHEN p.prosecdef THEN 'SECURITY DEFINER' ELSE 'SECURITY INVOKER' END
                       || '|' || CASE WHEN p.proisstrict THEN 'RETURNS NULL ON NULL INPUT' ELSE 'CALLED ON NULL INPUT' END
                       || '|' || CASE p.proparallel WHEN 's' THEN 'PARALLEL SAFE' WHEN 'r' THEN 'PARALLEL RESTRICTED'
                                                    ELSE 'PARALLEL UNSAFE' END
                       || '|' || pg_get_function_arguments(p.oid)
                FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_language l ON l.oid = p.prolang
                WHERE n.nspname = 'public'
                  AND NOT EXISTS (%s)
                """.formatted(extensionMember("pg_proc", "p.oid"))),

        VIEWS("views", """
                SELECT n.nspname || '.' || c.relname || '|' || a.attnum || '|' || a.attname
                       || '|' || format_type(a.atttypid, a.atttypmod)
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
                  AND NOT EXISTS (%s)
                """.formatted(extensionMember("pg_class", "c.oid"))),

        TRIGGERS("triggers", """
                SELECT tn.nspname || '.' || c.relname || '|' || t.tgname || '|' || pg_get_triggerdef(t.oid)
                       || '|' || %s
                FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace tn ON tn.oid = c.relnamespace
                JOIN pg_proc p ON p.oid = t.tgfoid
                JOIN pg_namespace pn ON pn.oid = p.pronamespace
                WHERE NOT t.tgisinternal
                  AND ((tn.nspname = 'public' AND NOT EXISTS (%s))
                       OR (pn.nspname = 'public' AND NOT EXISTS (%s)))
                UNION ALL
                SELECT '(event trigger)|' || e.evtname || '|CREATE EVENT TRIGGER ' || quote_ident(e.evtname)
                       || ' ON ' || e.evtevent
                       || COALESCE(' WHEN TAG IN (' || (SELECT string_agg(quote_literal(tag), ', ')
                                                        FROM unnest(e.evttags) AS tag) || ')', '')
                       || ' EXECUTE FUNCTION ' || e.evtfoid::regproc || '()'
                       || '|' || %s
                FROM pg_event_trigger e
                WHERE NOT EXISTS (%s)
                """.formatted(enabledState("t.tgenabled"), extensionMember("pg_class", "c.oid"),
                extensionMember("pg_proc", "p.oid"), enabledState("e.evtenabled"),
                extensionMember("pg_event_trigger", "e.oid"))),

        /** Enums (labels in sort order), sequences, and any other type defined in public (none upstream). */
        TYPES("types", """
                SELECT 'enum|' || n.nspname || '.' || t.typname
                       || '|' || row_number() OVER (PARTITION BY t.oid ORDER BY e.enumsortorder) || '|' || e.enumlabel
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE n.nspname = 'public' AND NOT EXISTS (%1$s)
                UNION ALL
                SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite' WHEN 'r' THEN 'range'
                                      WHEN 'm' THEN 'multirange' ELSE 'type' END
                       || '|' || n.nspname || '.' || t.typname
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_class r ON r.oid = t.typrelid
                WHERE n.nspname = 'public' AND NOT EXISTS (%1$s)
                  AND t.typtype <> 'e'
                  AND (t.typrelid = 0 OR r.relkind = 'c')  -- not the row type of a table, view or sequence
                  AND NOT EXISTS (SELECT 1 FROM pg_type owner WHERE owner.typarray = t.oid)  -- not an array type
                UNION ALL
                SELECT 'sequence|' || n.nspname || '.' || c.relname || '|' || format_type(s.seqtypid, NULL)
                       || '|START ' || s.seqstart || '|INCREMENT ' || s.seqincrement
                       || '|MINVALUE ' || s.seqmin || '|MAXVALUE ' || s.seqmax || '|CACHE ' || s.seqcache
                       || '|' || CASE WHEN s.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END
                       || COALESCE((SELECT '|OWNED BY ' || owner_ns.nspname || '.' || owner.relname || '.' || a.attname
                                    FROM pg_depend d
                                    JOIN pg_class owner ON owner.oid = d.refobjid
                                    JOIN pg_namespace owner_ns ON owner_ns.oid = owner.relnamespace
                                    JOIN pg_attribute a ON a.attrelid = owner.oid AND a.attnum = d.refobjsubid
                                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '')
                FROM pg_sequence s
                JOIN pg_class c ON c.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND NOT EXISTS (%2$s)
                """.formatted(extensionMember("pg_type", "t.oid"), extensionMember("pg_class", "c.oid")));

        final String fileSuffix;
        final String query;

        Kind(String fileSuffix, String query) {
            this.fileSuffix = fileSuffix;
            this.query = query;
        }
    }

    private CatalogLines() {
    }

    /** The lines of {@code kind} as {@code connection} sees the catalog (inside its transaction, if any), sorted. */
    static List<String> render(Connection connection, Kind kind) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(kind.query)) {
            while (result.next()) {
                lines.add(result.getString(1));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** A subquery that finds rows when the object {@code oid} of catalog {@code catalog} belongs to an extension. */
    private static String extensionMember(String catalog, String oid) {
        return "SELECT 1 FROM pg_depend ext WHERE ext.classid = '" + catalog + "'::regclass AND ext.objid = " + oid
                + " AND ext.deptype = 'e'";
    }

    /** tgenabled / evtenabled as the reference files spell it. */
    private static String enabledState(String column) {
        return "CASE " + column + " WHEN 'O' THEN 'ENABLED' WHEN 'D' THEN 'DISABLED' WHEN 'R' THEN 'ENABLED REPLICA'"
                + " WHEN 'A' THEN 'ENABLED ALWAYS' END";
    }
}

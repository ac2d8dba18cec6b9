package dev.tasker.dao.pgmq;

import java.util.Optional;

/**
 * What the installed pgmq offers beyond the 1.5.1 baseline, detected by probing function signatures with
 * {@code to_regprocedure} (works for {@code CREATE EXTENSION} and SQL-only installs alike).
 *
 * @param extensionVersion {@code pg_extension.extversion} of pgmq; empty for a SQL-only install
 * @param conditionalRead {@code read(text, integer, integer, jsonb)} with a containment filter (1.5.0)
 * @param popQuantity {@code pop(text, integer)} (1.7.0; before, {@code pop} returns one message)
 * @param batchSetVt {@code set_vt(text, bigint[], integer)} (1.8.0)
 * @param absoluteSetVt {@code set_vt(text, bigint, timestamptz)} and its batch form (1.10.0)
 * @param fifoReads FIFO message groups: {@code read_grouped*} and {@code create_fifo_index*} (1.9.0)
 * @param topics topic routing: {@code bind_topic}, {@code send_topic}, {@code send_batch_topic},
 *     {@code list_topic_bindings} (1.11.0)
 */
public record PgmqFeatures(Optional<String> extensionVersion, boolean conditionalRead, boolean popQuantity,
        boolean batchSetVt, boolean absoluteSetVt, boolean fifoReads, boolean topics) {

    /** Features of a pgmq before 1.9.0 (no FIFO groups, no topics). */
    public PgmqFeatures(Optional<String> extensionVersion, boolean conditionalRead, boolean popQuantity,
            boolean batchSetVt, boolean absoluteSetVt) {
        this(extensionVersion, conditionalRead, popQuantity, batchSetVt, absoluteSetVt, false, false);
    }

    /** The probe, one row with the columns this record is built from. */
    static final String PROBE_SQL = """
            SELECT (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pgmq') AS extension_version,
                   to_regprocedure('pgmq.read(text,integer,integer,jsonb)') IS NOT NULL AS conditional_read,
                   to_regprocedure('pgmq.pop(text,integer)') IS NOT NULL AS pop_quantity,
                   to_regprocedure('pgmq.set_vt(text,bigint[],integer)') IS NOT NULL AS batch_set_vt,
                   to_regprocedure('pgmq.set_vt(text,bigint,timestamp with time zone)') IS NOT NULL
                       AS absolute_set_vt,
                   to_regprocedure('pgmq.read_grouped_rr(text,integer,integer)') IS NOT NULL AS fifo_reads,
                   to_regprocedure('pgmq.list_topic_bindings(text)') IS NOT NULL
                       AND to_regprocedure('pgmq.send_batch_topic(text,jsonb[],jsonb[],timestamp with time zone)')
                           IS NOT NULL AS topics""";

    /** Throws {@link UnsupportedFeatureException} for {@code feature} unless {@code available}. */
    static void require(boolean available, String feature, String minimumVersion) {
        if (!available) {
            throw new UnsupportedFeatureException(feature, minimumVersion);
        }
    }
}

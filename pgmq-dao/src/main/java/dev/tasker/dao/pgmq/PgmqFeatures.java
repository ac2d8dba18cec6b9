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
 */
public record PgmqFeatures(Optional<String> extensionVersion, boolean conditionalRead, boolean popQuantity,
        boolean batchSetVt, boolean absoluteSetVt) {

    /** The probe, one row with the columns this record is built from. */
    static final String PROBE_SQL = """
            SELECT (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pgmq') AS extension_version,
                   to_regprocedure('pgmq.read(text,integer,integer,jsonb)') IS NOT NULL AS conditional_read,
                   to_regprocedure('pgmq.pop(text,integer)') IS NOT NULL AS pop_quantity,
                   to_regprocedure('pgmq.set_vt(text,bigint[],integer)') IS NOT NULL AS batch_set_vt,
                   to_regprocedure('pgmq.set_vt(text,bigint,timestamp with time zone)') IS NOT NULL
                       AS absolute_set_vt""";

    /** Throws {@link UnsupportedFeatureException} for {@code feature} unless {@code available}. */
    static void require(boolean available, String feature, String minimumVersion) {
        if (!available) {
            throw new UnsupportedFeatureException(feature, minimumVersion);
        }
    }
}

package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.tracing.MessageTracing;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * What every part of a {@link PgmqClient} shares: the jOOQ context statements run on, the payload codec and the
 * detected {@link PgmqFeatures} (probed once per client, on first use). Statements are plain SQL with an explicit cast
 * on every parameter, run through {@link PgmqErrors} so failures leave as module exceptions.
 */
final class PgmqContext {

    private final DSLContext dsl;
    private final PayloadCodec codec;
    private final AtomicReference<PgmqFeatures> features;
    private final MessageTracing tracing;

    PgmqContext(DSLContext dsl, PayloadCodec codec, AtomicReference<PgmqFeatures> features) {
        this(dsl, codec, features, MessageTracing.NONE);
    }

    PgmqContext(DSLContext dsl, PayloadCodec codec, AtomicReference<PgmqFeatures> features, MessageTracing tracing) {
        this.dsl = dsl;
        this.codec = codec;
        this.features = features;
        this.tracing = tracing;
    }

    DSLContext dsl() {
        return dsl;
    }

    PayloadCodec codec() {
        return codec;
    }

    /** The trace context hook ({@link MessageTracing#NONE} unless set). */
    MessageTracing tracing() {
        return tracing;
    }

    /** The same context with another payload codec. */
    PgmqContext withCodec(PayloadCodec newCodec) {
        return new PgmqContext(dsl, newCodec, features, tracing);
    }

    /** The same context with another trace context hook. */
    PgmqContext withTracing(MessageTracing newTracing) {
        return new PgmqContext(dsl, codec, features, newTracing);
    }

    /** The rows of {@code sql} with {@code binds}, for {@code operation} on {@code queue} (null if none). */
    Result<Record> fetch(String operation, String queue, String sql, Object... binds) {
        return PgmqErrors.call(operation, queue, () -> dsl.fetch(sql, binds));
    }

    /** The first column of the single row of {@code sql}, converted to {@code type}. */
    <T> T value(String operation, String queue, Class<T> type, String sql, Object... binds) {
        return PgmqErrors.call(operation, queue, () -> dsl.fetchSingle(sql, binds).get(0, type));
    }

    /** Runs {@code work} all-or-nothing on one connection (see {@link Atomic}). */
    <T> T atomic(String operation, String queue, Function<PgmqContext, T> work) {
        return PgmqErrors.call(operation, queue,
                () -> Atomic.run(dsl, bound -> work.apply(new PgmqContext(bound, codec, features, tracing))));
    }

    /** The installed pgmq's features, probed on first use. */
    PgmqFeatures features() {
        PgmqFeatures known = features.get();
        if (known != null) {
            return known;
        }
        Record probe = PgmqErrors.call("detect pgmq features", null, () -> dsl.fetchSingle(PgmqFeatures.PROBE_SQL));
        PgmqFeatures detected = new PgmqFeatures(
                Optional.ofNullable(probe.get("extension_version", String.class)),
                probe.get("conditional_read", Boolean.class),
                probe.get("pop_quantity", Boolean.class),
                probe.get("batch_set_vt", Boolean.class),
                probe.get("absolute_set_vt", Boolean.class),
                probe.get("fifo_reads", Boolean.class),
                probe.get("topics", Boolean.class));
        features.compareAndSet(null, detected);
        return features.get();
    }
}

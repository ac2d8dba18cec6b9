package dev.tasker.dao.pgmq;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasker.dao.pgmq.support.Arguments;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Entry point to the PGMQ database (the PGMQ pool in split mode): queue management ({@link #queues()}), sending
 * ({@link #sender()}), receiving ({@link #reader()}) and settling ({@link #settler()}) through pgmq's SQL API and the
 * project's wrappers.
 *
 * <ul>
 *   <li>{@link #using(Connection)}, {@link #using(DSLContext)}, {@link #using(Configuration)}: operations run on the
 *       caller's connection and join its transaction without ever committing it, so a send commits or rolls back
 *       with the caller's writes (transactional outbox).</li>
 *   <li>{@link #using(DataSource)}: each operation borrows a connection and commits on its own;
 *       {@link #transactionResult(Function)} groups several into one transaction.</li>
 * </ul>
 *
 * <p>Payloads are mapped with an {@link ObjectMapper}, by default a plain {@code new ObjectMapper()}; supply one
 * with {@link #withObjectMapper(ObjectMapper)} (e.g. with the java.time module registered). Every overloaded pgmq
 * function is called with an explicit cast on every argument. Errors are {@link PgmqException}s. Instances are
 * immutable and thread-safe when their connection source is.
 */
public final class PgmqClient {

    private final PgmqContext ctx;

    private PgmqClient(PgmqContext ctx) {
        this.ctx = ctx;
    }

    /** A client on the caller's jOOQ context (its connection provider and settings). */
    public static PgmqClient using(DSLContext dsl) {
        Arguments.required("dsl", dsl);
        return new PgmqClient(new PgmqContext(dsl, new PayloadCodec(new ObjectMapper()), new AtomicReference<>()));
    }

    /** A client on the caller's jOOQ configuration. */
    public static PgmqClient using(Configuration configuration) {
        return using(Arguments.required("configuration", configuration).dsl());
    }

    /** A client on the caller's JDBC connection: it runs inside whatever transaction the caller has open on it. */
    public static PgmqClient using(Connection connection) {
        return using(DSL.using(Arguments.required("connection", connection), SQLDialect.POSTGRES));
    }

    /** A client on a pool of the PGMQ database: each operation borrows a connection and commits on its own. */
    public static PgmqClient using(DataSource dataSource) {
        return using(DSL.using(Arguments.required("dataSource", dataSource), SQLDialect.POSTGRES));
    }

    /** This client with payloads and headers mapped by {@code mapper}. */
    public PgmqClient withObjectMapper(ObjectMapper mapper) {
        return new PgmqClient(ctx.withCodec(new PayloadCodec(mapper)));
    }

    /**
     * This client carrying trace context with {@code tracing}: every message it sends gets the hook's header entries,
     * and consumers built on it run their handlers through the hook ({@link MessageTracing#NONE} switches it off).
     */
    public PgmqClient withTracing(MessageTracing tracing) {
        return new PgmqClient(ctx.withTracing(Arguments.required("tracing", tracing)));
    }

    /** The trace context hook of this client; {@link MessageTracing#NONE} unless set with {@link #withTracing}. */
    public MessageTracing tracing() {
        return ctx.tracing();
    }

    /** This client assuming {@code features} instead of probing the database (tests of version-gated paths). */
    PgmqClient withFeatures(PgmqFeatures features) {
        return new PgmqClient(new PgmqContext(ctx.dsl(), ctx.codec(), new AtomicReference<>(features)));
    }

    /** The jOOQ context this client runs its statements on. */
    public DSLContext dsl() {
        return ctx.dsl();
    }

    /** What the installed pgmq offers beyond the 1.5.1 baseline; probed once per client, on first use. */
    public PgmqFeatures features() {
        return ctx.features();
    }

    /** Queue management: create, drop, purge, list, metrics. */
    public QueueAdmin queues() {
        return new QueueAdmin(ctx);
    }

    /** Sending: single, batch, delayed, with headers, and the notify wrappers. */
    public QueueSender sender() {
        return new QueueSender(ctx);
    }

    /** Receiving with raw {@link JsonNode} payloads. */
    public QueueReader<JsonNode> reader() {
        return reader(JsonNode.class);
    }

    /** Receiving with payloads mapped to {@code payloadType}. */
    public <T> QueueReader<T> reader(Class<T> payloadType) {
        return new QueueReader<>(ctx, ctx.codec().mapper().constructType(Arguments.required("payloadType",
                payloadType)));
    }

    /** Receiving with payloads mapped to the generic type {@code payloadType}. */
    public <T> QueueReader<T> reader(TypeReference<T> payloadType) {
        return new QueueReader<>(ctx, ctx.codec().mapper().constructType(Arguments.required("payloadType",
                payloadType)));
    }

    /** FIFO message groups with raw {@link JsonNode} payloads (pgmq 1.9.0+). */
    public QueueGroups<JsonNode> groups() {
        return groups(JsonNode.class);
    }

    /** FIFO message groups with payloads mapped to {@code payloadType} (pgmq 1.9.0+). */
    public <T> QueueGroups<T> groups(Class<T> payloadType) {
        return new QueueGroups<>(ctx, ctx.codec().mapper().constructType(Arguments.required("payloadType",
                payloadType)));
    }

    /** Topic routing: bindings and sends by routing key (pgmq 1.11.0+). */
    public QueueTopics topics() {
        return new QueueTopics(ctx);
    }

    /** Settling: delete, archive, visibility timeouts. */
    public MessageSettler settler() {
        return new MessageSettler(ctx);
    }

    /**
     * Runs {@code work} with a client bound to one connection in one transaction (a savepoint if this client is
     * already inside the caller's transaction): committed when {@code work} returns, rolled back when it throws.
     */
    public <T> T transactionResult(Function<PgmqClient, T> work) {
        Arguments.required("work", work);
        return ctx.atomic("transaction", null, bound -> work.apply(new PgmqClient(bound)));
    }

    /** {@link #transactionResult(Function)} for work without a result. */
    public void transaction(Consumer<PgmqClient> work) {
        Arguments.required("work", work);
        transactionResult(bound -> {
            work.accept(bound);
            return null;
        });
    }
}

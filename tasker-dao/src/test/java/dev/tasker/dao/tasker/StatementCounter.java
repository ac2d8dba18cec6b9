package dev.tasker.dao.tasker;

import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** Counts the statements jOOQ sends to the database through a context derived from another one. */
public final class StatementCounter implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger statements = new AtomicInteger();

    @Override
    public void executeStart(ExecuteContext ctx) {
        statements.incrementAndGet();
    }

    /** {@code ctx} with this counter listening. */
    public DSLContext counting(DSLContext ctx) {
        return ctx.configuration().deriveAppending(new DefaultExecuteListenerProvider(this)).dsl();
    }

    /** Statements executed so far. */
    public int count() {
        return statements.get();
    }
}

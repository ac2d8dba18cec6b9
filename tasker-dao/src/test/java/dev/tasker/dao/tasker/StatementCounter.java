package dev.tasker.dao.tasker;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultConfiguration;

/** A jOOQ context on a data source that counts the statements it executes (a round-trip count for tests). */
public final class StatementCounter {

    private final AtomicInteger executed = new AtomicInteger();
    private final DSLContext dsl;

    public StatementCounter(DataSource dataSource) {
        this.dsl = new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(ExecuteListener.onExecuteStart(context -> executed.incrementAndGet()))
                .dsl();
    }

    /** The counting context. */
    public DSLContext dsl() {
        return dsl;
    }

    /** Statements executed since creation or the last {@link #take()}. */
    public int count() {
        return executed.get();
    }

    /** Statements executed since the last call (and resets the count). */
    public int take() {
        return executed.getAndSet(0);
    }
}

package dev.tasker.schema.pgmq;

import static dev.tasker.schema.pgmq.generated.Tables.PGMQ_READ_SPECIFIC_MESSAGE;
import static dev.tasker.schema.pgmq.generated.Tables.PGMQ_SEND_BATCH_WITH_NOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.schema.pgmq.generated.Routines;
import dev.tasker.schema.pgmq.generated.tables.records.PgmqSendBatchWithNotifyRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed jOOQ classes of the pgmq set call the project's wrapper functions on a migrated PGMQ database:
 * scalar routines, and the set-returning ones as table-valued functions.
 */
class GeneratedCodeTest extends PgmqSchemaTest {

    private DSLContext sql;

    @BeforeAll
    void bindJooq() {
        sql = DSL.using(db, SQLDialect.POSTGRES);
    }

    @Test
    void scalarRoutinesAreCallable() throws Exception {
        String queue = createQueue(unique("worker_jooq_") + "_queue");
        long msgId = Routines.pgmqSendWithNotify(sql.configuration(), queue, JSONB.valueOf("{\"n\": 1}"), 0);

        assertThat(Routines.extractQueueNamespace(sql.configuration(), "worker_rust_queue")).isEqualTo("rust");
        assertThat(Routines.pgmqDeleteSpecificMessage(sql.configuration(), queue, msgId)).isTrue();
    }

    @Test
    void setReturningFunctionsAreTableValued() throws Exception {
        String queue = createQueue(unique("jooq_"));

        var sent = sql.selectFrom(PGMQ_SEND_BATCH_WITH_NOTIFY.call(queue,
                new JSONB[] {JSONB.valueOf("{\"n\": 1}"), JSONB.valueOf("{\"n\": 2}")}, 0)).fetch();
        long first = sent.get(0).getPgmqSendBatchWithNotify();
        var read = sql.selectFrom(PGMQ_READ_SPECIFIC_MESSAGE.call(queue, first, 30)).fetch();

        assertThat(sent).extracting(PgmqSendBatchWithNotifyRecord::getPgmqSendBatchWithNotify).hasSize(2).doesNotHaveDuplicates();
        assertThat(read).hasSize(1);
        assertThat(read.get(0).getMsgId()).isEqualTo(first);
        assertThat(read.get(0).getReadCt()).isEqualTo(1);
        assertThat(read.get(0).getMessage()).isEqualTo(JSONB.valueOf("{\"n\": 1}"));
    }
}

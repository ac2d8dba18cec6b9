package dev.tasker.dao.pgmq.consumer;

/** What a {@link PgmqConsumer} does with a message whose handler returned normally. */
public enum SuccessAction {

    /** Delete it ({@code pgmq.delete}). */
    DELETE,

    /** Move it to the queue's archive {@code pgmq.a_<queue>} ({@code pgmq.archive}). */
    ARCHIVE
}

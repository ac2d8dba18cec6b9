package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** Why a task was put into the dead-letter queue: the database enum {@code dlq_reason} (tasker-schema.md §3). */
public enum DlqReason implements DatabaseValue {
    STALENESS_TIMEOUT,
    MAX_RETRIES_EXCEEDED,
    DEPENDENCY_CYCLE_DETECTED,
    WORKER_UNAVAILABLE,
    MANUAL_DLQ;

    private static final Vocabulary<DlqReason> VOCABULARY = Vocabulary.of("dlq reason", DlqReason.class);

    /** The reason labelled {@code value}; an unknown label is an error naming the expected ones. */
    public static DlqReason fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    dev.tasker.schema.tasker.generated.enums.DlqReason generated() {
        return dev.tasker.schema.tasker.generated.enums.DlqReason.lookupLiteral(databaseValue());
    }

    static DlqReason of(dev.tasker.schema.tasker.generated.enums.DlqReason generated) {
        return fromDatabase(generated.getLiteral());
    }
}

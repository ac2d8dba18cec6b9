package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.DatabaseValue;
import dev.tasker.dao.tasker.support.Vocabulary;

/** Where a dead-letter entry stands: the database enum {@code dlq_resolution_status} (tasker-schema.md §3). */
public enum DlqResolutionStatus implements DatabaseValue {
    /** Not dealt with yet; at most one pending entry per task. */
    PENDING,
    MANUALLY_RESOLVED,
    PERMANENTLY_FAILED,
    CANCELLED;

    private static final Vocabulary<DlqResolutionStatus> VOCABULARY =
            Vocabulary.of("dlq resolution status", DlqResolutionStatus.class);

    /** The status labelled {@code value}; an unknown label is an error naming the expected ones. */
    public static DlqResolutionStatus fromDatabase(String value) {
        return VOCABULARY.parse(value);
    }

    dev.tasker.schema.tasker.generated.enums.DlqResolutionStatus generated() {
        return dev.tasker.schema.tasker.generated.enums.DlqResolutionStatus.lookupLiteral(databaseValue());
    }

    static DlqResolutionStatus of(dev.tasker.schema.tasker.generated.enums.DlqResolutionStatus generated) {
        return fromDatabase(generated.getLiteral());
    }
}

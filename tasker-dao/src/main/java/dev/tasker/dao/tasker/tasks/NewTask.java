package dev.tasker.dao.tasker.tasks;

import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.Lengths;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * A task to create with {@link TaskDao#create(NewTask)}. Required: {@code namedTaskUuid}, {@code correlationId}
 * (the column has no default) and {@code identityHash}. Everything else may be null: {@code requestedAt} null means
 * the database's {@code now()}, {@code priority} defaults to 0. Start from {@link #of} and add the rest with the
 * {@code with…} methods.
 */
public record NewTask(UUID namedTaskUuid, UUID correlationId, String identityHash, UUID parentCorrelationId,
        JSONB context, JSONB tags, int priority, String initiator, String sourceSystem, String reason,
        JSONB bypassSteps, LocalDateTime requestedAt) {

    static final int TEXT_LENGTH = 128;

    /** A task of {@code namedTaskUuid} with the required fields only. */
    public static NewTask of(UUID namedTaskUuid, UUID correlationId, String identityHash) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, null, null, null, 0, null, null, null, null,
                null);
    }

    /** This with the parent workflow's correlation id. */
    public NewTask withParentCorrelationId(UUID value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, value, context, tags, priority, initiator,
                sourceSystem, reason, bypassSteps, requestedAt);
    }

    /** This with the task's context JSON. */
    public NewTask withContext(JSONB value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, value, tags, priority,
                initiator, sourceSystem, reason, bypassSteps, requestedAt);
    }

    /** This with the task's tags JSON. */
    public NewTask withTags(JSONB value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, context, value, priority,
                initiator, sourceSystem, reason, bypassSteps, requestedAt);
    }

    /** This with {@code value} as priority. */
    public NewTask withPriority(int value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, context, tags, value,
                initiator, sourceSystem, reason, bypassSteps, requestedAt);
    }

    /** This with who requested it, from which system, and why (each may be null, at most 128 characters). */
    public NewTask withOrigin(String newInitiator, String newSourceSystem, String newReason) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, context, tags, priority,
                newInitiator, newSourceSystem, newReason, bypassSteps, requestedAt);
    }

    /** This with the steps to bypass (stored in the {@code json} column {@code bypass_steps}). */
    public NewTask withBypassSteps(JSONB value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, context, tags, priority,
                initiator, sourceSystem, reason, value, requestedAt);
    }

    /** This requested at {@code value} instead of the database's now. */
    public NewTask withRequestedAt(LocalDateTime value) {
        return new NewTask(namedTaskUuid, correlationId, identityHash, parentCorrelationId, context, tags, priority,
                initiator, sourceSystem, reason, bypassSteps, value);
    }

    /** Fails with an {@code InvalidArgumentException} naming the first bad field. */
    void validate() {
        Arguments.required("namedTaskUuid", namedTaskUuid);
        Arguments.required("correlationId", correlationId);
        Lengths.requiredAtMost("identityHash", identityHash, TEXT_LENGTH);
        Lengths.atMost("initiator", initiator, TEXT_LENGTH);
        Lengths.atMost("sourceSystem", sourceSystem, TEXT_LENGTH);
        Lengths.atMost("reason", reason, TEXT_LENGTH);
    }
}

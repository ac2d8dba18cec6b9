package dev.tasker.migrator;

import java.util.List;

/**
 * What the migrator will do about upstream's {@code _sqlx_migrations} for one set.
 *
 * @param decision what it will do
 * @param versions the versions it will record without running them ({@link Decision#ADOPT} only)
 * @param detail   why, in one or two sentences (for a refusal: what is wrong and what to do)
 */
record AdoptionPlan(Decision decision, List<String> versions, String detail) {

    /** The three outcomes. */
    enum Decision {
        /** Nothing to adopt: no upstream history, an empty one, one without this set, or ours already records it. */
        NOTHING,
        /** Every version is recorded by upstream as successful: record them all without running them. */
        ADOPT,
        /** Upstream's history is partial, failed or unknown: refuse and change nothing. */
        REFUSE
    }

    AdoptionPlan {
        versions = List.copyOf(versions);
    }

    static AdoptionPlan nothing(String detail) {
        return new AdoptionPlan(Decision.NOTHING, List.of(), detail);
    }

    static AdoptionPlan adopt(List<String> versions, String detail) {
        return new AdoptionPlan(Decision.ADOPT, versions, detail);
    }

    static AdoptionPlan refuse(String detail) {
        return new AdoptionPlan(Decision.REFUSE, List.of(), detail);
    }

    boolean adopts() {
        return decision == Decision.ADOPT;
    }

    boolean refuses() {
        return decision == Decision.REFUSE;
    }
}

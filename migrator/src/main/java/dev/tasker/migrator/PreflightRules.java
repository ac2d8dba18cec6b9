package dev.tasker.migrator;

import java.util.ArrayList;
import java.util.List;

/**
 * The preflight's decisions, a pure function of one database's facts and the sets it holds: extensions,
 * privileges, upstream history. Tested with synthetic facts for servers CI does not have.
 */
final class PreflightRules {

    private PreflightRules() {
    }

    /** Every check for a database holding {@code sets} (in run order), described by {@code facts}. */
    static List<PreflightCheck> checks(DatabaseFacts facts, List<MigrationSet> sets) {
        PlannedRun run = new PlannedRun(facts, sets);
        List<PreflightCheck> checks = new ArrayList<>();
        checks.addAll(ExtensionRules.checks(run));
        checks.addAll(PrivilegeRules.checks(run));
        if (facts.hasUpstreamHistory()) {
            for (MigrationSet set : sets) {
                AdoptionPlan plan = run.adoption(set);
                checks.add(new PreflightCheck(set.database(), upstreamCheckName(set),
                        plan.refuses() ? CheckStatus.FAILED : CheckStatus.PASSED, plan.detail()));
            }
        }
        return checks;
    }

    /** The name of the check of upstream's history for {@code set}. */
    static String upstreamCheckName(MigrationSet set) {
        return PreflightCheck.UPSTREAM_HISTORY + " (" + set.label() + " set)";
    }
}

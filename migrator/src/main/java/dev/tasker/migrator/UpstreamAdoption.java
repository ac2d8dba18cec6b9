package dev.tasker.migrator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, from the facts alone, whether a set can be adopted from upstream's {@code _sqlx_migrations}
 * ({@code split-and-runtime.md} §4.1). Upstream's split mode records the tasker set's 12 versions in the tasker
 * database and 20250810140001 + 20250826180921 in the PGMQ database; upstream's combined (single-mode) set
 * records the 12 tasker versions and 20250826180921 in the one database, its 20250810140000 covering what the
 * project's 20250810140001 does.
 *
 * <p>A set is adopted only when our history of it is empty, every one of its versions is recorded by upstream
 * and all of them succeeded. A set upstream never applied is applied normally. Anything else (some versions only,
 * a failed entry, a version this project does not know) is refused, naming what is wrong.
 */
final class UpstreamAdoption {

    /** Upstream's combined set's first version, which also did what the PGMQ set's first version does. */
    static final String COMBINED_FIRST_VERSION = "20250810140000";

    private UpstreamAdoption() {
    }

    /** The plan for {@code set} in a database holding {@code sets}, described by {@code facts}. */
    static AdoptionPlan plan(MigrationSet set, List<MigrationSet> sets, DatabaseFacts facts) {
        if (facts.upstreamHistory().isEmpty()) {
            return AdoptionPlan.nothing("no " + DatabaseFacts.SQLX_MIGRATIONS + " table: nothing to adopt");
        }
        if (facts.history(set).filter(history -> !history.empty()).isPresent()) {
            return AdoptionPlan.nothing(set.historyTable() + " already records the " + set.label() + " set; "
                    + DatabaseFacts.SQLX_MIGRATIONS + " is not consulted");
        }
        List<UpstreamVersion> rows = facts.upstreamHistory().get();
        if (rows.isEmpty()) {
            return AdoptionPlan.nothing(DatabaseFacts.SQLX_MIGRATIONS + " is empty: nothing to adopt");
        }
        Set<String> listed = rows.stream().map(UpstreamVersion::versionText).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>(foreignVersions(sets, rows));
        List<String> failed = rows.stream().filter(row -> !row.success())
                .map(UpstreamVersion::versionText).filter(version -> covers(set, sets, version)).toList();
        boolean appliedUpstream = set.versions().stream().anyMatch(listed::contains);
        if (problems.isEmpty() && failed.isEmpty() && !appliedUpstream) {
            return AdoptionPlan.nothing(DatabaseFacts.SQLX_MIGRATIONS + " lists none of the " + set.label()
                    + " set's versions: upstream never applied it here, so it will be applied normally");
        }
        List<String> missing = set.versions().stream()
                .filter(version -> !listed.contains(version) && !listed.contains(standIn(set, sets, version)))
                .toList();
        if (!missing.isEmpty()) {
            problems.add("upstream applied only part of the " + set.label() + " set: " + missing.size() + " of its "
                    + set.versions().size() + " versions are missing (" + String.join(", ", missing) + ")");
        }
        if (!failed.isEmpty()) {
            problems.add("upstream recorded " + String.join(", ", failed) + " as failed (success = false)");
        }
        if (!problems.isEmpty()) {
            return AdoptionPlan.refuse(DatabaseFacts.SQLX_MIGRATIONS + " cannot be adopted for the " + set.label()
                    + " set: " + String.join("; ", problems) + ". Finish the migration with upstream's migrator so "
                    + "that every version is recorded as successful (or migrate a fresh database), then run again;"
                    + " nothing was changed");
        }
        return AdoptionPlan.adopt(set.versions(), "upstream's " + DatabaseFacts.SQLX_MIGRATIONS + " records all "
                + set.versions().size() + " versions of the " + set.label() + " set as successful: they will be"
                + " recorded in " + set.historyTable() + " without running them");
    }

    /**
     * Versions upstream lists that no set of this database has: either versions of the other set (this
     * database is not the one upstream migrated with that set) or versions this project does not know at all.
     */
    private static List<String> foreignVersions(List<MigrationSet> sets, List<UpstreamVersion> rows) {
        Set<String> ours = new LinkedHashSet<>();
        sets.forEach(set -> ours.addAll(set.versions()));
        List<String> problems = new ArrayList<>();
        for (MigrationSet other : MigrationSet.values()) {
            if (sets.contains(other)) {
                continue;
            }
            List<String> misplaced = rows.stream().map(UpstreamVersion::versionText)
                    .filter(version -> other.versions().contains(version) && !ours.contains(version)).toList();
            if (!misplaced.isEmpty()) {
                problems.add("it lists " + String.join(", ", misplaced) + " of the " + other.label() + " set, which"
                        + " split mode keeps in the " + other.database().label() + " database (point each URL at"
                        + " the database upstream migrated with that set, or use single mode for upstream's"
                        + " combined database)");
            }
        }
        List<String> unknown = rows.stream().map(UpstreamVersion::versionText)
                .filter(version -> Arrays.stream(MigrationSet.values())
                        .noneMatch(set -> set.versions().contains(version)))
                .toList();
        if (!unknown.isEmpty()) {
            problems.add("it lists " + String.join(", ", unknown) + ", which no migration set of this project has"
                    + " (not tasker-core's schema at the split)");
        }
        return problems;
    }

    /** True when upstream's {@code version} stands for a version of {@code set} in this database. */
    private static boolean covers(MigrationSet set, List<MigrationSet> sets, String version) {
        return set.versions().contains(version) || set.versions().stream()
                .anyMatch(own -> version.equals(standIn(set, sets, own)));
    }

    /**
     * The upstream version that also counts for {@code version}: in a database holding both sets (upstream's
     * combined set), 20250810140000 did what the PGMQ set's 20250810140001 does. Otherwise {@code version} itself.
     */
    private static String standIn(MigrationSet set, List<MigrationSet> sets, String version) {
        boolean combined = set == MigrationSet.PGMQ && sets.contains(MigrationSet.TASKER);
        return combined && version.equals(MigrationSet.PGMQ.versions().getFirst()) ? COMBINED_FIRST_VERSION : version;
    }
}

package dev.tasker.migrator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a migrate run would do in one database, derived from its facts alone: which versions of which set would
 * run, which would be adopted. The preflight rules ask it whether a requirement matters.
 */
final class PlannedRun {

    private final DatabaseFacts facts;
    private final List<MigrationSet> sets;
    private final Map<MigrationSet, AdoptionPlan> adoptions = new EnumMap<>(MigrationSet.class);

    PlannedRun(DatabaseFacts facts, List<MigrationSet> sets) {
        this.facts = facts;
        this.sets = List.copyOf(sets);
        sets.forEach(set -> adoptions.put(set, UpstreamAdoption.plan(set, sets, facts)));
    }

    DatabaseFacts facts() {
        return facts;
    }

    List<MigrationSet> sets() {
        return sets;
    }

    /** The role checks about the whole database are filed under. */
    PoolRole role() {
        return sets.getFirst().database();
    }

    boolean holds(MigrationSet set) {
        return sets.contains(set);
    }

    /** The adoption plan of a set this database holds. */
    AdoptionPlan adoption(MigrationSet set) {
        return adoptions.get(set);
    }

    /** True when this database holds {@code set} and {@code version} of it is recorded (applied or adopted). */
    boolean recorded(MigrationSet set, String version) {
        return facts.history(set).filter(history -> history.versions().contains(version)).isPresent();
    }

    /** True when migrate would execute {@code version} of {@code set} here (neither recorded nor adopted). */
    boolean runs(MigrationSet set, String version) {
        return holds(set) && !recorded(set, version) && !adoption(set).adopts();
    }

    /** True when migrate would write anything here: run or adopt a version of a set this database holds. */
    boolean writes() {
        return sets.stream().anyMatch(set -> set.versions().stream().anyMatch(version -> !recorded(set, version)));
    }
}

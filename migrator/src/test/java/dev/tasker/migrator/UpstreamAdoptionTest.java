package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adoption rules on synthetic upstream histories, for every shape upstream can leave behind. */
class UpstreamAdoptionTest {

    private static final List<MigrationSet> TASKER_ONLY = List.of(MigrationSet.TASKER);
    private static final List<MigrationSet> PGMQ_ONLY = List.of(MigrationSet.PGMQ);
    private static final List<MigrationSet> BOTH = List.of(MigrationSet.TASKER, MigrationSet.PGMQ);

    @Test
    void upstreamsSplitDatabasesAreAdoptedSetBySet() {
        AdoptionPlan tasker = plan(MigrationSet.TASKER, TASKER_ONLY,
                SyntheticFacts.fresh().upstream(MigrationSet.TASKER.versions()));
        AdoptionPlan pgmq = plan(MigrationSet.PGMQ, PGMQ_ONLY,
                SyntheticFacts.fresh().upstream(MigrationSet.PGMQ.versions()));

        assertThat(tasker.decision()).isEqualTo(AdoptionPlan.Decision.ADOPT);
        assertThat(tasker.versions()).containsExactlyElementsOf(MigrationSet.TASKER.versions());
        assertThat(tasker.detail()).isEqualTo("upstream's _sqlx_migrations records all 12 versions of the tasker set"
                + " as successful: they will be recorded in tasker_schema_history without running them");
        assertThat(pgmq.decision()).isEqualTo(AdoptionPlan.Decision.ADOPT);
        assertThat(pgmq.versions()).containsExactlyElementsOf(MigrationSet.PGMQ.versions());
    }

    @Test
    void upstreamsCombinedDatabaseIsAdoptedForBothSets() {
        SyntheticFacts facts = SyntheticFacts.fresh().upstream(UpstreamDatabases.COMBINED);

        assertThat(plan(MigrationSet.TASKER, BOTH, facts).decision()).isEqualTo(AdoptionPlan.Decision.ADOPT);
        assertThat(plan(MigrationSet.PGMQ, BOTH, facts).versions())
                .containsExactlyElementsOf(MigrationSet.PGMQ.versions());
    }

    @Test
    void aPartialHistoryIsRefusedNamingTheMissingVersions() {
        List<String> partial = new ArrayList<>(MigrationSet.TASKER.versions());
        partial.remove("20251203000000");
        partial.remove("20260102000000");

        AdoptionPlan plan = plan(MigrationSet.TASKER, TASKER_ONLY, SyntheticFacts.fresh().upstream(partial));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.REFUSE);
        assertThat(plan.detail()).isEqualTo("_sqlx_migrations cannot be adopted for the tasker set: upstream applied"
                + " only part of the tasker set: 2 of its 12 versions are missing (20251203000000, 20260102000000)."
                + " Finish the migration with upstream's migrator so that every version is recorded as successful"
                + " (or migrate a fresh database), then run again; nothing was changed");
    }

    @Test
    void aCombinedHistoryWithoutTheNotificationsVersionIsAPartialPgmqSet() {
        List<String> withoutNotifications = MigrationSet.TASKER.versions();

        AdoptionPlan plan = plan(MigrationSet.PGMQ, BOTH, SyntheticFacts.fresh().upstream(withoutNotifications));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.REFUSE);
        assertThat(plan.detail()).contains("1 of its 2 versions are missing")
                .contains("(20250826180921)");
    }

    @Test
    void aFailedEntryIsRefusedNamingIt() {
        AdoptionPlan plan = plan(MigrationSet.PGMQ, PGMQ_ONLY,
                SyntheticFacts.fresh().upstream(MigrationSet.PGMQ.versions(), "20250826180921"));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.REFUSE);
        assertThat(plan.detail()).contains("upstream recorded 20250826180921 as failed (success = false)");
    }

    @Test
    void anUnknownVersionIsRefusedNamingIt() {
        List<String> withUnknown = new ArrayList<>(MigrationSet.TASKER.versions());
        withUnknown.add("20260301000000");

        AdoptionPlan plan = plan(MigrationSet.TASKER, TASKER_ONLY, SyntheticFacts.fresh().upstream(withUnknown));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.REFUSE);
        assertThat(plan.detail()).contains("it lists 20260301000000, which no migration set of this project has"
                + " (not tasker-core's schema at the split)");
    }

    @Test
    void aCombinedDatabaseUsedAsTheSplitTaskerDatabaseIsRefusedExplainingTheModes() {
        AdoptionPlan plan = plan(MigrationSet.TASKER, TASKER_ONLY,
                SyntheticFacts.fresh().upstream(UpstreamDatabases.COMBINED));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.REFUSE);
        assertThat(plan.detail()).contains("it lists 20250826180921 of the pgmq set, which split mode keeps in the"
                + " pgmq database (point each URL at the database upstream migrated with that set, or use single"
                + " mode for upstream's combined database)");
    }

    @Test
    void nothingIsAdoptedWithoutAnUpstreamHistoryFromAnEmptyOneOrOnceOursRecordsTheSet() {
        assertThat(plan(MigrationSet.TASKER, BOTH, SyntheticFacts.fresh()).detail())
                .isEqualTo("no _sqlx_migrations table: nothing to adopt");
        assertThat(plan(MigrationSet.TASKER, BOTH, SyntheticFacts.fresh().upstream(List.of())).detail())
                .isEqualTo("_sqlx_migrations is empty: nothing to adopt");
        AdoptionPlan recorded = plan(MigrationSet.TASKER, BOTH, SyntheticFacts.fresh()
                .recorded(MigrationSet.TASKER, List.of("20250810140000")).upstream(List.of("20250810140000")));
        assertThat(recorded.decision()).isEqualTo(AdoptionPlan.Decision.NOTHING);
        assertThat(recorded.detail())
                .isEqualTo("tasker_schema_history already records the tasker set; _sqlx_migrations is not consulted");
    }

    @Test
    void anEmptyHistoryTableOfOursDoesNotStopTheAdoption() {
        AdoptionPlan plan = plan(MigrationSet.TASKER, TASKER_ONLY, SyntheticFacts.fresh()
                .recorded(MigrationSet.TASKER, List.of()).upstream(MigrationSet.TASKER.versions()));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.ADOPT);
    }

    @Test
    void aSetUpstreamNeverAppliedHereIsAppliedNormally() {
        AdoptionPlan plan = plan(MigrationSet.TASKER, BOTH, SyntheticFacts.fresh().upstream(List.of("20250810140001",
                "20250826180921")));

        assertThat(plan.decision()).isEqualTo(AdoptionPlan.Decision.NOTHING);
        assertThat(plan.detail()).isEqualTo("_sqlx_migrations lists none of the tasker set's versions: upstream never"
                + " applied it here, so it will be applied normally");
    }

    private static AdoptionPlan plan(MigrationSet set, List<MigrationSet> sets, SyntheticFacts facts) {
        return UpstreamAdoption.plan(set, sets, facts.build());
    }
}

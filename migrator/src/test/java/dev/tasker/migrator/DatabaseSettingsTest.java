package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseMode;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String MAIN = "postgresql://tasker:main-secret@db.example:5433/tasker_split_test";
    private static final String PGMQ = "postgresql://tasker:pgmq-secret@db.example:5433/pgmq_split_test";

    private static DatabaseSettings settings(String main, String pgmq) {
        return DatabaseSettings.fromUrls(main, pgmq, PoolSettings.TASKER_DEFAULTS, PoolSettings.PGMQ_DEFAULTS);
    }

    @Test
    void unsetOrBlankPgmqUrlMeansSingleModeOnTheMainDatabase() {
        for (String pgmq : new String[] {null, "", "   "}) {
            DatabaseSettings settings = settings(MAIN, pgmq);
            assertThat(settings.mode()).isEqualTo(DatabaseMode.SINGLE);
            assertThat(settings.pgmqIsSeparate()).isFalse();
            assertThat(settings.pgmq()).isSameAs(settings.tasker());
            assertThat(settings.endpoint(PoolRole.PGMQ).database()).isEqualTo("tasker_split_test");
        }
    }

    @Test
    void thePgmqUrlWithTheSameTextAsTheMainUrlMeansSingleMode() {
        assertThat(settings(MAIN, "  " + MAIN + " ").mode()).isEqualTo(DatabaseMode.SINGLE);
    }

    @Test
    void aDifferentPgmqUrlMeansSplitMode() {
        DatabaseSettings settings = settings(MAIN, PGMQ);
        assertThat(settings.mode()).isEqualTo(DatabaseMode.SPLIT);
        assertThat(settings.endpoint(PoolRole.TASKER).database()).isEqualTo("tasker_split_test");
        assertThat(settings.endpoint(PoolRole.PGMQ).database()).isEqualTo("pgmq_split_test");
        assertThat(settings.pgmq().password()).isEqualTo("pgmq-secret");
    }

    @Test
    void theComparisonIsOnTheUrlTextSoAnotherSpellingOfTheSameDatabaseCountsAsSplit() {
        // split-and-runtime.md §2.3: a plain string comparison; harmless, it only opens a second pool.
        DatabaseSettings settings = settings(MAIN,
                "jdbc:postgresql://db.example:5433/tasker_split_test?user=tasker&password=main-secret");
        assertThat(settings.mode()).isEqualTo(DatabaseMode.SPLIT);
        assertThat(settings.pgmq()).isEqualTo(settings.tasker());
    }

    @Test
    void bothUrlSpellingsAreAccepted() {
        DatabaseSettings settings = settings("jdbc:postgresql://h1:6000/t?user=u&password=p", "postgres://u:p@h2/q");
        assertThat(settings.tasker().host()).isEqualTo("h1");
        assertThat(settings.tasker().port()).isEqualTo(6000);
        assertThat(settings.tasker().user()).isEqualTo("u");
        assertThat(settings.pgmq().host()).isEqualTo("h2");
        assertThat(settings.pgmq().port()).isEqualTo(5432);
        assertThat(settings.pgmq().database()).isEqualTo("q");
    }

    @Test
    void aMissingMainUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> settings(null, PGMQ))
                .isInstanceOf(MigratorException.class)
                .hasMessageContaining("DATABASE_URL is empty");
    }

    @Test
    void malformedUrlsNameTheirVariableAndNeverShowThePassword() {
        assertThatThrownBy(() -> settings("mysql://tasker:main-secret@h/db", PGMQ))
                .isInstanceOf(MigratorException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("unsupported scheme")
                .hasMessageNotContaining("main-secret");
        assertThatThrownBy(() -> settings(MAIN, "postgresql://tasker:pgmq-secret@h:notaport/db"))
                .isInstanceOf(MigratorException.class)
                .hasMessageContaining("PGMQ_DATABASE_URL")
                .hasMessageContaining("port 'notaport' is not a number")
                .hasMessageNotContaining("pgmq-secret");
    }

    @Test
    void toStringShowsModeUrlsAndPoolSizesButNoPassword() {
        String split = settings(MAIN, PGMQ).toString();
        assertThat(split).startsWith("split mode")
                .contains("db.example:5433/tasker_split_test", "db.example:5433/pgmq_split_test",
                        "max 25, min 5", "max 15, min 3")
                .doesNotContain("main-secret", "pgmq-secret");
        assertThat(settings(MAIN, "").toString()).startsWith("single mode")
                .contains("pgmq in the same database")
                .doesNotContain("main-secret");
    }
}

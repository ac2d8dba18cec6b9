package dev.tasker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why the embedded server did not start is reported by its real cause, not by words in initdb's command line. */
class StartupFailureTest {

    private static final String INITDB = "Process [/tmp/embedded-pg/PG-1/bin/initdb, -A, trust, -U, postgres, -D, "
            + "/data, -E, UTF-8, --locale, C] failed";

    @TempDir
    Path directory;

    @Test
    void aFailedInitdbIsNotALocaleProblemBecauseItsCommandLineSaysLocale() {
        DatabaseProviderException explained = EmbeddedPostgresServer.explainStartupFailure(
                EmbeddedServerOptions.persistent(directory), new IllegalStateException(INITDB));

        assertThat(explained).hasMessageStartingWith("Cannot start the embedded PostgreSQL server: initdb failed "
                + "(its output is in the log lines above): IllegalStateException: " + INITDB)
                .hasMessageNotContaining("rejected the locale");
    }

    @Test
    void aLocaleErrorInTheMessageItselfIsStillALocaleProblem() {
        DatabaseProviderException explained = EmbeddedPostgresServer.explainStartupFailure(
                EmbeddedServerOptions.persistent(directory),
                new IllegalStateException("initdb: error: invalid locale name \"xx_XX\""));

        assertThat(explained).hasMessageContaining("initdb rejected the locale");
    }

    @Test
    void aNonEmptyDirectoryWithoutPgVersionIsRefusedBeforeInitdbAndLeftAlone() throws IOException {
        Path notData = Files.createDirectories(directory.resolve("mine"));
        Files.writeString(notData.resolve("b.txt"), "keep");
        Files.writeString(notData.resolve("a.txt"), "keep");

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(EmbeddedServerOptions.persistent(notData)))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessage("Cannot start the embedded PostgreSQL server: data directory " + notData + " is not "
                        + "empty and is not a PostgreSQL data directory (no PG_VERSION; it holds a.txt, b.txt). "
                        + "initdb needs an empty directory: choose a new or empty data directory (--data-dir), or "
                        + "empty this one");
        assertThat(notData.resolve("a.txt")).hasContent("keep");
        assertThat(notData.resolve("PG_VERSION")).doesNotExist();
    }
}

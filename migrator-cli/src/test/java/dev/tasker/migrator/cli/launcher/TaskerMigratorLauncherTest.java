package dev.tasker.migrator.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasker.migrator.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher's version check (TaskerMigratorJarIT runs it for real on an old Java when one is installed). */
class TaskerMigratorLauncherTest {

    @ParameterizedTest
    @CsvSource({"1.8, 8", "9, 9", "17, 17", "21, 21", "25, 25", "26-ea, 26", "'', 0", "x, 0"})
    void readsTheFeatureReleaseOfOldAndNewVersionStrings(String specification, int feature) {
        assertThat(TaskerMigratorLauncher.featureRelease(specification)).isEqualTo(feature);
    }

    @Test
    void javaOlderThanTwentyOneIsAProblemNamingTheVersionAndTheRemedy() {
        assertThat(TaskerMigratorLauncher.problem("1.8")).startsWith("needs Java 21 or newer, but runs on Java 1.8 (")
                .contains("Install a JDK or JRE 21+");
        assertThat(TaskerMigratorLauncher.problem("20")).contains("runs on Java 20");
        assertThat(TaskerMigratorLauncher.problem("21")).isNull();
        assertThat(TaskerMigratorLauncher.problem("25")).isNull();
    }

    @Test
    void itsExitCodeIsTheDocumentedOne() {
        assertThat(TaskerMigratorLauncher.JAVA_TOO_OLD).isEqualTo(ExitCode.JAVA_TOO_OLD.code()).isEqualTo(6);
    }

    @Test
    void theLauncherClassRunsOnJavaEight() throws Exception {
        try (var in = TaskerMigratorLauncher.class.getResourceAsStream("TaskerMigratorLauncher.class")) {
            byte[] header = in.readNBytes(8);
            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            assertThat(major).as("class file major version (52 = Java 8)").isEqualTo(52);
        }
    }
}

package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings that are misspelled are refused, never ignored: a typo must not hide a database URL. */
class ConfigurationTyposTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"tasker.databse.url", "tasker.database.ur", "tasker.pgmq-databse.url",
            "tasker.database-url", "tasker.pgmq.database.url"})
    void aMisspelledSystemPropertyUnderTaskerIsRefusedWithTheClosestSetting(String name) {
        assertThatThrownBy(() -> load(Map.of(), properties(name, "postgresql://h/tasker"), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown setting '" + name + "' (system property); known settings: ")
                .hasMessageContaining(". Did you mean tasker.");
    }

    @Test
    void anUnknownKeyFarFromEverySettingIsRefusedWithTheList() {
        assertThatThrownBy(() -> load(Map.of(), properties("tasker.retries", "3"), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown setting 'tasker.retries' (system property); known settings: "
                        + "tasker.database.url, tasker.pgmq-database.url")
                .hasMessageNotContaining("Did you mean");
    }

    @Test
    void theProjectsOtherPropertiesAndForeignPropertiesAreNotTypos() {
        MigratorConfiguration configuration = load(Map.of("SOMETHING_ELSE", "x"), properties(
                "tasker.migrator.data-dir", "/tmp/x", "tasker.migrator.working-dir", "/tmp",
                "tasker.db.provider", "embedded", "tasker.db.suite-mode", "split", "user.dir", "/tmp",
                "taskerish.setting", "y"), Optional.empty());

        assertThat(configuration.urlConfigured()).isFalse();
    }

    @Test
    void aConfigFileHoldsOnlySettings() throws IOException {
        Path environmentStyle = file("DATABASE_URL=postgresql://h/tasker");
        Path lowerCase = file("database_pool_max_connections=5");
        Path foreign = file("spring.datasource.url=jdbc:postgresql://h/tasker");
        Path typo = file("tasker.databse.url=postgresql://h/tasker");

        assertThatThrownBy(() -> load(Map.of(), new Properties(), Optional.of(environmentStyle)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("'DATABASE_URL' (config file " + environmentStyle + ") is an environment variable name; "
                        + "a config file spells settings as properties: write tasker.database.url=...");
        assertThatThrownBy(() -> load(Map.of(), new Properties(), Optional.of(lowerCase)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown setting 'database_pool_max_connections' (config file " + lowerCase);
        assertThatThrownBy(() -> load(Map.of(), new Properties(), Optional.of(foreign)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown setting 'spring.datasource.url' (config file " + foreign);
        assertThatThrownBy(() -> load(Map.of(), new Properties(), Optional.of(typo)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("Did you mean tasker.database.url?");
    }

    @Test
    void theEnvironmentIsSharedWithOtherProgramsAndNotChecked() {
        assertThat(load(Map.of("DATABASE_URLL", "postgresql://h/tasker", "TASKER_FOO", "1"), new Properties(),
                Optional.empty()).urlConfigured()).isFalse();
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(UnknownKeys.distance("tasker.databse.url", "tasker.database.url")).isEqualTo(1);
        assertThat(UnknownKeys.distance("abc", "abc")).isZero();
        assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    }

    private static MigratorConfiguration load(Map<String, String> environment, Properties system,
                                              Optional<Path> file) {
        return MigratorConfiguration.load(environment, system, file);
    }

    private Path file(String line) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "tasker", ".properties"), line + "\n",
                StandardCharsets.UTF_8);
    }

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}

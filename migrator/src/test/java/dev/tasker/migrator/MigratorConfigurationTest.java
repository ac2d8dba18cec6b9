package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigratorConfigurationTest {

    private static final String PASSWORD = "hunter2secret";

    @TempDir
    Path directory;

    @Test
    void nothingConfiguredMeansNoUrlAndUpstreamDefaults() {
        MigratorConfiguration configuration = load(Map.of(), new Properties());

        assertThat(configuration.urlConfigured()).isFalse();
        assertThat(configuration.databaseSettings()).isEmpty();
        assertThat(configuration.taskerPool()).isEqualTo(PoolSettings.TASKER_DEFAULTS);
        assertThat(configuration.pgmqPool()).isEqualTo(PoolSettings.PGMQ_DEFAULTS);
        assertThat(configuration.configFile()).isEmpty();
    }

    @Test
    void blankValuesCountAsUnset() {
        MigratorConfiguration configuration = load(Map.of("DATABASE_URL", "  ", "PGMQ_DATABASE_URL", ""),
                properties("tasker.database.url", " "));

        assertThat(configuration.urlConfigured()).isFalse();
    }

    @Test
    void theEnvironmentWinsOverSystemPropertiesWhichWinOverTheFile() throws IOException {
        Path file = file("tasker.database.url=postgresql://file-host/tasker",
                "tasker.database.pool.max-connections=7",
                "tasker.database.pool.min-connections=2",
                "tasker.pgmq-database.pool.idle-timeout=42s");
        Properties system = properties("tasker.database.url", "postgresql://property-host/tasker",
                "tasker.database.pool.max-connections", "8",
                "tasker.config", file.toString());
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://env-host/tasker",
                "DATABASE_POOL_MAX_CONNECTIONS", "9");

        MigratorConfiguration all = load(environment, system);
        assertThat(all.databaseSettings().orElseThrow().tasker().host()).isEqualTo("env-host");
        assertThat(all.taskerPool().maxConnections()).isEqualTo(9);
        assertThat(all.taskerPool().minConnections()).isEqualTo(2);
        assertThat(all.pgmqPool().idleTimeout()).isEqualTo(Duration.ofSeconds(42));
        assertThat(all.value(ConfigKey.DATABASE_URL).orElseThrow().origin()).isEqualTo("DATABASE_URL (environment)");
        assertThat(all.configFile()).contains(file);

        MigratorConfiguration withoutEnvironment = load(Map.of(), system);
        assertThat(withoutEnvironment.databaseSettings().orElseThrow().tasker().host()).isEqualTo("property-host");
        assertThat(withoutEnvironment.taskerPool().maxConnections()).isEqualTo(8);
        assertThat(withoutEnvironment.value(ConfigKey.DATABASE_URL).orElseThrow().origin())
                .isEqualTo("tasker.database.url (system property)");

        MigratorConfiguration fileOnly = load(Map.of(), properties("tasker.config", file.toString()));
        assertThat(fileOnly.databaseSettings().orElseThrow().tasker().host()).isEqualTo("file-host");
        assertThat(fileOnly.taskerPool().maxConnections()).isEqualTo(7);
        assertThat(fileOnly.value(ConfigKey.DATABASE_URL).orElseThrow().origin())
                .isEqualTo("tasker.database.url (config file " + file + ")");
    }

    @Test
    void theCommandLineFileWinsOverTheSystemPropertyFile() throws IOException {
        Path named = file("tasker.database.url=postgresql://named/tasker");
        Path property = Files.writeString(directory.resolve("other.properties"),
                "tasker.database.url=postgresql://property-file/tasker\n");

        MigratorConfiguration configuration = MigratorConfiguration.load(Map.of(),
                properties("tasker.config", property.toString()), Optional.of(named));

        assertThat(configuration.databaseSettings().orElseThrow().tasker().host()).isEqualTo("named");
        assertThat(configuration.configFile()).contains(named);
    }

    @Test
    void eachPoolKeyFallsBackToItsOwnPoolsDefault() {
        MigratorConfiguration configuration = load(Map.of("PGMQ_DATABASE_POOL_MAX_CONNECTIONS", "4",
                "DATABASE_POOL_ACQUIRE_TIMEOUT", "2s"), new Properties());

        assertThat(configuration.pgmqPool()).isEqualTo(new PoolSettings(4, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(300), Duration.ofSeconds(1800)));
        assertThat(configuration.taskerPool()).isEqualTo(new PoolSettings(25, 5, Duration.ofSeconds(2),
                Duration.ofSeconds(300), Duration.ofSeconds(1800)));
    }

    @ParameterizedTest
    @CsvSource({"10s, 10000", "500ms, 500", "5m, 300000", "45, 45000", "1h, 3600000", "' 12 s ', 12000"})
    void durationsTakeAUnitOrMeanSeconds(String text, long millis) {
        MigratorConfiguration configuration = load(Map.of("PGMQ_DATABASE_POOL_IDLE_TIMEOUT", text),
                properties("tasker.database.pool.idle-timeout", text));

        assertThat(configuration.pgmqPool().idleTimeout()).isEqualTo(Duration.ofMillis(millis));
        assertThat(configuration.taskerPool().idleTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aBadWholeNumberNamesTheKeyAndItsSource() {
        assertThatThrownBy(() -> load(Map.of("DATABASE_POOL_MAX_CONNECTIONS", "ten"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("DATABASE_POOL_MAX_CONNECTIONS (environment) must be a whole number, got 'ten'");
        assertThatThrownBy(() -> load(Map.of(), properties("tasker.pgmq-database.pool.min-connections", "-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tasker.pgmq-database.pool.min-connections (system property) must be a whole number, "
                        + "got '-1'");
    }

    @Test
    void aBadDurationNamesTheKeyAndTheFile() throws IOException {
        Path file = file("tasker.pgmq-database.pool.acquire-timeout=soon");

        assertThatThrownBy(() -> MigratorConfiguration.load(Map.of(), new Properties(), Optional.of(file)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tasker.pgmq-database.pool.acquire-timeout (config file " + file + ") must be a duration "
                        + "such as 10s, 500ms or 5m, or a whole number of seconds, got 'soon'");
    }

    @Test
    void poolSettingsThatDoNotFitTogetherNameThePoolAndWhatWasConfigured() {
        assertThatThrownBy(() -> load(Map.of("PGMQ_DATABASE_POOL_MAX_CONNECTIONS", "2"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The pgmq pool settings are invalid: min connections must be between 0 and max "
                        + "connections (2), got 3 (configured: PGMQ_DATABASE_POOL_MAX_CONNECTIONS (environment) = 2; "
                        + "other values are upstream's defaults)");
        assertThatThrownBy(() -> load(Map.of("DATABASE_POOL_ACQUIRE_TIMEOUT", "10ms"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The tasker pool settings are invalid: acquire timeout must be at least 250 ms")
                .hasMessageContaining("DATABASE_POOL_ACQUIRE_TIMEOUT (environment) = 10ms");
    }

    @Test
    void theModeFollowsUpstreamsRuleForEitherUrlSpelling() {
        MigratorConfiguration single = load(Map.of("DATABASE_URL", "postgresql://h/tasker"), new Properties());
        assertThat(single.databaseSettings().orElseThrow().mode()).isEqualTo(DatabaseMode.SINGLE);

        MigratorConfiguration sameText = load(Map.of("DATABASE_URL", "postgresql://h/tasker",
                "PGMQ_DATABASE_URL", "postgresql://h/tasker"), new Properties());
        assertThat(sameText.databaseSettings().orElseThrow().mode()).isEqualTo(DatabaseMode.SINGLE);

        MigratorConfiguration split = load(Map.of("DATABASE_URL", "jdbc:postgresql://h:5433/tasker?user=t"),
                properties("tasker.pgmq-database.url", "postgresql://t@h:5433/pgmq"));
        DatabaseSettings settings = split.databaseSettings().orElseThrow();
        assertThat(settings.mode()).isEqualTo(DatabaseMode.SPLIT);
        assertThat(settings.tasker().database()).isEqualTo("tasker");
        assertThat(settings.pgmq().database()).isEqualTo("pgmq");
        assertThat(settings.pgmqPool()).isEqualTo(PoolSettings.PGMQ_DEFAULTS);
    }

    @Test
    void aPgmqUrlWithoutAMainUrlIsRefused() {
        assertThatThrownBy(() -> load(Map.of("PGMQ_DATABASE_URL", "postgresql://h/pgmq"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("PGMQ_DATABASE_URL (environment) is set but DATABASE_URL is not");
    }

    @Test
    void aBadUrlNamesTheKeyAndSourceAndMasksThePassword() {
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "postgresql://u:" + PASSWORD + "@h:54x2/tasker"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DATABASE_URL (environment) 'postgresql://u:****@h:54x2/tasker' is not a valid "
                        + "PostgreSQL URL: port '54x2' is not a number")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "postgresql://h/tasker"),
                properties("tasker.pgmq-database.url", "mysql://u:" + PASSWORD + "@h/pgmq")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("tasker.pgmq-database.url (system property) 'mysql://u:****@h/pgmq'")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void unknownKeysUnderOurPrefixesAreRefused() throws IOException {
        Path file = file("tasker.database.pool.max-conections=5");

        assertThatThrownBy(() -> MigratorConfiguration.load(Map.of(), new Properties(), Optional.of(file)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown setting 'tasker.database.pool.max-conections' (config file " + file
                        + "); known settings: tasker.database.url, tasker.pgmq-database.url, "
                        + "tasker.database.pool.max-connections");
        assertThat(load(Map.of("DATABASE_POOL_SOMETHING_ELSE", "x"), properties("tasker.db.mode", "split"))
                .urlConfigured()).isFalse();
    }

    @Test
    void aMissingOrUnreadableFileIsNamed() throws IOException {
        Path missing = directory.resolve("missing.properties");
        assertThatThrownBy(() -> MigratorConfiguration.load(Map.of(), new Properties(), Optional.of(missing)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The config file " + missing + " (given by --config) does not exist");
        assertThatThrownBy(() -> load(Map.of(), properties("tasker.config", missing.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The config file " + missing + " (given by -Dtasker.config) does not exist");
        Path malformed = file("tasker.database.url=\\uZZZZ");
        assertThatThrownBy(() -> MigratorConfiguration.load(Map.of(), new Properties(), Optional.of(malformed)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The config file " + malformed + " (given by --config) cannot be read: ");
    }

    @Test
    void thePasswordAppearsNowhere() throws IOException {
        Path file = file("tasker.pgmq-database.url=jdbc:postgresql://h/pgmq?user=u&password=" + PASSWORD);
        MigratorConfiguration configuration = MigratorConfiguration.load(
                Map.of("DATABASE_URL", "postgresql://u:" + PASSWORD + "@h/tasker"), new Properties(),
                Optional.of(file));

        assertThat(configuration.toString()).contains("postgresql://u:****@h").doesNotContain(PASSWORD);
        assertThat(configuration.value(ConfigKey.DATABASE_URL).orElseThrow().toString()).doesNotContain(PASSWORD);
        assertThat(configuration.value(ConfigKey.PGMQ_DATABASE_URL).orElseThrow().toString())
                .contains("password=****").doesNotContain(PASSWORD);
        assertThat(configuration.databaseSettings().orElseThrow().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void everyKeyHasBothSpellings() {
        assertThat(ConfigKey.all()).hasSize(12);
        assertThat(ConfigKey.pool(PoolRole.PGMQ, PoolField.MAX_LIFETIME))
                .isEqualTo(new ConfigKey("PGMQ_DATABASE_POOL_MAX_LIFETIME", "tasker.pgmq-database.pool.max-lifetime"));
        assertThat(ConfigKey.pool(PoolRole.TASKER, PoolField.ACQUIRE_TIMEOUT))
                .isEqualTo(new ConfigKey("DATABASE_POOL_ACQUIRE_TIMEOUT", "tasker.database.pool.acquire-timeout"));
    }

    private MigratorConfiguration load(Map<String, String> environment, Properties system) {
        return MigratorConfiguration.load(environment, system, Optional.empty());
    }

    private Path file(String... lines) throws IOException {
        return Files.write(Files.createTempFile(directory, "tasker", ".properties"), List.of(lines),
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

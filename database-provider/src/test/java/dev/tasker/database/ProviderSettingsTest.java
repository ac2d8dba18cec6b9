package dev.tasker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    @Test
    void defaultsToAThrowawayEmbeddedServer() {
        ProviderSettings settings = ProviderSettings.from(new Properties(), Map.of());

        assertThat(settings.kind()).isEqualTo(ProviderKind.EMBEDDED);
        assertThat(settings.dataDirectory()).isEmpty();
        assertThat(settings.containerImage()).isEqualTo(ContainerDatabaseProvider.DEFAULT_IMAGE)
                .startsWith("ghcr.io/pgmq/pg18-pgmq:");
    }

    @Test
    void propertiesWinOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("tasker.db.provider", "External");
        properties.setProperty("tasker.db.url", "postgresql://localhost/from_property");
        properties.setProperty("tasker.db.data-dir", "/var/tmp/cluster");
        properties.setProperty("tasker.db.image", "example/pgmq:1");

        ProviderSettings settings = ProviderSettings.from(properties, Map.of(
                "DATABASE_URL", "postgresql://localhost/from_env",
                "PGMQ_DATABASE_URL", "postgresql://localhost/pgmq_from_env"));

        assertThat(settings.kind()).isEqualTo(ProviderKind.EXTERNAL);
        assertThat(settings.databaseUrl()).contains("postgresql://localhost/from_property");
        assertThat(settings.pgmqDatabaseUrl()).contains("postgresql://localhost/pgmq_from_env");
        assertThat(settings.dataDirectory()).contains(Path.of("/var/tmp/cluster"));
        assertThat(settings.containerImage()).isEqualTo("example/pgmq:1");
    }

    @Test
    void blankValuesCountAsUnset() {
        Properties properties = new Properties();
        properties.setProperty("tasker.db.pgmq-url", " ");

        ProviderSettings settings = ProviderSettings.from(properties, Map.of("PGMQ_DATABASE_URL", ""));

        assertThat(settings.pgmqDatabaseUrl()).isEqualTo(Optional.empty());
    }

    @Test
    void anUnknownProviderOrModeIsNamedWithTheAcceptedValues() {
        Properties properties = new Properties();
        properties.setProperty("tasker.db.provider", "docker");

        assertThatThrownBy(() -> ProviderSettings.from(properties, Map.of()))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessage("Unknown database provider 'docker'; expected one of: embedded, external, testcontainers");
        assertThatThrownBy(() -> DatabaseMode.parse("dual"))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessage("Unknown database mode 'dual'; expected one of: single, split");
        assertThat(DatabaseMode.parse(" SPLIT ")).isEqualTo(DatabaseMode.SPLIT);
        assertThat(DatabaseMode.SINGLE.label()).isEqualTo("single");
    }

    @Test
    void theExternalProviderWithoutAUrlIsNamed() {
        Properties properties = new Properties();
        properties.setProperty("tasker.db.provider", "external");

        assertThatThrownBy(() -> ProviderSettings.from(properties, Map.of()).open())
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageContaining("needs DATABASE_URL (or -Dtasker.db.url)");
    }
}

package dev.tasker.migrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theDefaultsAreUpstreams() {
        assertThat(PoolSettings.TASKER_DEFAULTS).isEqualTo(new PoolSettings(25, 5, Duration.ofSeconds(10),
                Duration.ofSeconds(300), Duration.ofSeconds(1800)));
        assertThat(PoolSettings.PGMQ_DEFAULTS).isEqualTo(new PoolSettings(15, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(300), Duration.ofSeconds(1800)));
        assertThat(PoolSettings.PGMQ_TEST_DEFAULTS).isEqualTo(new PoolSettings(10, 1, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(3600)));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PoolSettings(0, 0, TEN_S, TEN_S, MINUTE))
                .isInstanceOf(MigratorException.class).hasMessageContaining("max connections must be at least 1");
        assertThatThrownBy(() -> new PoolSettings(5, 6, TEN_S, TEN_S, MINUTE))
                .hasMessageContaining("min connections must be between 0 and max connections (5), got 6");
        assertThatThrownBy(() -> new PoolSettings(5, -1, TEN_S, TEN_S, MINUTE))
                .hasMessageContaining("min connections");
        assertThatThrownBy(() -> new PoolSettings(5, 1, Duration.ofMillis(100), TEN_S, MINUTE))
                .hasMessageContaining("acquire timeout must be at least 250 ms, got 100 ms");
        assertThatThrownBy(() -> new PoolSettings(5, 1, TEN_S, Duration.ofSeconds(-1), MINUTE))
                .hasMessageContaining("idle timeout must not be negative");
        assertThatThrownBy(() -> new PoolSettings(5, 1, TEN_S, TEN_S, Duration.ofSeconds(5)))
                .hasMessageContaining("max lifetime must be at least 30 s, got 5000 ms");
    }

    @Test
    void describeListsEverySetting() {
        assertThat(PoolSettings.TASKER_DEFAULTS.describe())
                .isEqualTo("max 25, min 5, acquire 10s, idle 300s, lifetime 1800s");
        assertThat(new PoolSettings(2, 0, Duration.ofMillis(750), TEN_S, MINUTE).describe())
                .isEqualTo("max 2, min 0, acquire 750ms, idle 10s, lifetime 60s");
    }
}

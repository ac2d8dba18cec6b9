package dev.tasker.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's own settings under {@code tasker.}; the databases and pools are configured with the migrator's keys
 * ({@code DATABASE_URL} / {@code tasker.database.url}, ...), read by {@link SpringMigratorConfiguration}.
 *
 * @param migration what happens to the schema at start-up
 * @param listener  the shared notification listener of the consumers
 * @param metrics   the queue meters
 */
@ConfigurationProperties("tasker")
public record TaskerDataProperties(@DefaultValue Migration migration, @DefaultValue Listener listener,
                                   @DefaultValue Metrics metrics) {

    /**
     * Migrations at start-up.
     *
     * @param onStartup run the {@link dev.tasker.migrator.Migrator} before any DAO is handed out; the context fails
     *                  to start with its report when a migration fails or the preflight refuses (default false)
     */
    public record Migration(@DefaultValue("false") boolean onStartup) {
    }

    /**
     * The consumers' notification listener: one dedicated connection per PGMQ database.
     *
     * @param enabled         false to poll only (default true)
     * @param applicationName the connection's {@code application_name} (default {@code tasker-consumers})
     */
    public record Listener(@DefaultValue("true") boolean enabled,
                           @DefaultValue("tasker-consumers") String applicationName) {
    }

    /**
     * Queue meters.
     *
     * @param queueSampleInterval how often the queue gauges are sampled from {@code pgmq.metrics_all()}
     *                            (default 15 s; scrapes read the last sample)
     */
    public record Metrics(@DefaultValue("15s") Duration queueSampleInterval) {
    }
}

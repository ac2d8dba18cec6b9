package dev.tasker.spring.boot;

import dev.tasker.migrator.DatabasePools;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health indicators (with Spring Boot's health support on the classpath; off with
 * {@code management.health.tasker.enabled=false}): {@code taskerDatabase}, {@code pgmqDatabase} (in split mode the
 * PGMQ database's own pool, in single mode the shared one), {@code pgmq} (installed version) and
 * {@code taskerMigrations} (pending migrations are OUT_OF_SERVICE, failed ones DOWN).
 */
@AutoConfiguration(after = TaskerDataAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DatabasePools.class)
@ConditionalOnEnabledHealthIndicator("tasker")
public class TaskerHealthAutoConfiguration {

    /** The tasker database. */
    @Bean
    @ConditionalOnMissingBean(name = "taskerDatabaseHealthIndicator")
    public DatabaseHealthIndicator taskerDatabaseHealthIndicator(DatabasePools pools) {
        return new DatabaseHealthIndicator(pools.tasker(), pools.settings().tasker().displayUrl());
    }

    /** The PGMQ database. */
    @Bean
    @ConditionalOnMissingBean(name = "pgmqDatabaseHealthIndicator")
    public DatabaseHealthIndicator pgmqDatabaseHealthIndicator(DatabasePools pools) {
        return new DatabaseHealthIndicator(pools.pgmq(), pools.settings().pgmq().displayUrl());
    }

    /** The installed pgmq version. */
    @Bean
    @ConditionalOnMissingBean(name = "pgmqHealthIndicator")
    public PgmqHealthIndicator pgmqHealthIndicator(DatabasePools pools) {
        return new PgmqHealthIndicator(pools.pgmq());
    }

    /** Pending or failed migrations. */
    @Bean
    @ConditionalOnMissingBean(name = "taskerMigrationsHealthIndicator")
    public MigrationsHealthIndicator taskerMigrationsHealthIndicator(DatabasePools pools) {
        return new MigrationsHealthIndicator(pools);
    }
}

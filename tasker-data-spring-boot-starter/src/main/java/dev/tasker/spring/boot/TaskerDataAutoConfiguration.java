package dev.tasker.spring.boot;

import dev.tasker.dao.pgmq.PgmqClient;
import dev.tasker.dao.pgmq.tracing.MessageTracing;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.migrator.DatabasePools;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.TransactionManager;

/**
 * The pools, DAOs, transactions and consumers of tasker-data from the migrator's settings ({@code DATABASE_URL},
 * {@code PGMQ_DATABASE_URL}, {@code tasker.database.*}, {@code tasker.pgmq-database.*}; see
 * {@link SpringMigratorConfiguration}). Every bean backs off when the application defines its own. Nothing connects
 * while the context is built: the pools start lazily, the consumers when the application is ready.
 *
 * <ul>
 *   <li>{@link DatabasePools}; the {@code taskerDataSource} ({@code @Primary}) and, in split mode only, the
 *       {@code pgmqDataSource}: the pools themselves, so Spring Boot registers their Hikari meters.</li>
 *   <li>{@code transactionManager} ({@code @Primary}, the tasker database) and {@code pgmqTransactionManager} (the
 *       PGMQ database; in single mode the same database).</li>
 *   <li>{@link TaskerDataAccess} and {@link PgmqClient} on transaction-aware proxies of the pools: inside a
 *       {@code @Transactional} method they run on its connection and commit or roll back with it; outside they take
 *       a connection per operation as before.</li>
 *   <li>{@link ConsumerContainer} for the {@link QueueConsumer} beans.</li>
 * </ul>
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties(TaskerDataProperties.class)
public class TaskerDataAutoConfiguration {

    /** The tasker and PGMQ pools (one pool in single mode). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public DatabasePools databasePools(Environment environment) {
        return DatabasePools.open(SpringMigratorConfiguration.databaseSettings(environment));
    }

    /** The migration on start-up, when {@code tasker.migration.on-startup} is true. */
    @Bean
    @ConditionalOnMissingBean
    public StartupMigration taskerStartupMigration(DatabasePools pools, TaskerDataProperties properties) {
        return StartupMigration.run(pools, properties.migration().onStartup());
    }

    /** The tasker database's pool; in single mode also the PGMQ database's. */
    @Bean(destroyMethod = "")
    @Primary
    @ConditionalOnMissingBean(name = "taskerDataSource")
    public DataSource taskerDataSource(DatabasePools pools, StartupMigration migration) {
        return pools.tasker();
    }

    /** The PGMQ database's own pool, in split mode only. */
    @Bean(destroyMethod = "")
    @ConditionalOnSplitMode
    @ConditionalOnMissingBean(name = "pgmqDataSource")
    public DataSource pgmqDataSource(DatabasePools pools, StartupMigration migration) {
        return pools.pgmq();
    }

    /** Transactions of the tasker database: {@code @Transactional} without a qualifier. */
    @Bean
    @Primary
    @ConditionalOnMissingBean(TransactionManager.class)
    public DataSourceTransactionManager transactionManager(DatabasePools pools) {
        return new DataSourceTransactionManager(pools.tasker());
    }

    /** Transactions of the PGMQ database: {@code @Transactional("pgmqTransactionManager")}. */
    @Bean
    @ConditionalOnMissingBean(name = "pgmqTransactionManager")
    public DataSourceTransactionManager pgmqTransactionManager(DatabasePools pools) {
        return new DataSourceTransactionManager(pools.pgmq());
    }

    /** The tasker DAOs, joining Spring transactions of the tasker database. */
    @Bean
    @ConditionalOnMissingBean
    public TaskerDataAccess taskerDataAccess(DatabasePools pools, StartupMigration migration) {
        return TaskerDataAccess.using(new TransactionAwareDataSourceProxy(pools.tasker()));
    }

    /** The queue client, joining Spring transactions of the PGMQ database, carrying trace context if traced. */
    @Bean
    @ConditionalOnMissingBean
    public PgmqClient pgmqClient(DatabasePools pools, StartupMigration migration,
                                 ObjectProvider<MessageTracing> tracing) {
        return PgmqClient.using(new TransactionAwareDataSourceProxy(pools.pgmq()))
                .withTracing(tracing.getIfAvailable(() -> MessageTracing.NONE));
    }

    /** Runs the {@link QueueConsumer} beans, with one shared listener connection unless disabled. */
    @Bean
    @ConditionalOnMissingBean
    public ConsumerContainer taskerConsumerContainer(ObjectProvider<QueueConsumer<?>> consumers, PgmqClient client,
                                                     DatabasePools pools, TaskerDataProperties properties,
                                                     ObjectProvider<ConsumerInstrumentation> instrumentation) {
        return new ConsumerContainer(consumers.orderedStream().toList(), client,
                properties.listener().enabled() ? Optional.of(pools.settings().pgmq()) : Optional.empty(),
                properties.listener().applicationName(), instrumentation.getIfAvailable(() -> ConsumerInstrumentation.NONE));
    }
}

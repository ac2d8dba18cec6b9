package dev.tasker.spring.boot;

import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigratorException;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnSplitMode}. A configuration that cannot be read does not match here; the
 * settings bean reports the error.
 */
final class OnSplitModeCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        try {
            boolean split = SpringMigratorConfiguration.load(context.getEnvironment()).databaseSettings()
                    .map(DatabaseSettings::pgmqIsSeparate).orElse(false);
            return split ? ConditionOutcome.match("PGMQ_DATABASE_URL names a separate PGMQ database")
                    : ConditionOutcome.noMatch("single mode: PGMQ shares the tasker database");
        } catch (MigratorException e) {
            return ConditionOutcome.noMatch("the tasker database configuration is invalid: " + e.getMessage());
        }
    }
}

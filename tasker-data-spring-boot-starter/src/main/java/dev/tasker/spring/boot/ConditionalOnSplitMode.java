package dev.tasker.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the configured databases are in split mode: {@code PGMQ_DATABASE_URL} (or
 * {@code tasker.pgmq-database.url}) is set and differs from the tasker database's URL, by the migrator's rule.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSplitModeCondition.class)
public @interface ConditionalOnSplitMode {
}

package dev.tasker.spring.boot;

import dev.tasker.migrator.ConfigKey;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Keeps the process environment's {@code DATABASE_URL}, {@code PGMQ_DATABASE_URL} and pool variables out of a test
 * context (CI may set them for other suites), so that the test's properties decide the databases and the mode.
 */
public final class IsolatedEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        PropertySource<?> environment = sources.get(name);
        if (environment != null && environment.getSource() instanceof Map<?, ?> values) {
            Map<String, Object> kept = new HashMap<>();
            values.forEach((key, value) -> kept.put(key.toString(), value));
            ConfigKey.all().forEach(key -> kept.remove(key.environmentName()));
            sources.replace(name, new MapPropertySource(name, kept));
        }
    }
}

package dev.tasker.spring.boot;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.DatabaseMode;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.database.testing.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The starter's database properties for provisioned test databases, and unique queue names. */
final class TestDatabaseProperties {

    private TestDatabaseProperties() {
    }

    /** {@code tasker.database.url} and, in split mode, {@code tasker.pgmq-database.url}. */
    static Map<String, String> of(ProvisionedDatabases databases) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tasker.database.url", url(databases.tasker()));
        if (databases.pgmqIsSeparate()) {
            properties.put("tasker.pgmq-database.url", url(databases.pgmq()));
        }
        return properties;
    }

    /** Registers {@link #of} for a {@code @DynamicPropertySource}. */
    static void register(DynamicPropertyRegistry registry, ProvisionedDatabases databases) {
        of(databases).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** {@code postgresql://user:password@host:port/database} with the endpoint's credentials. */
    static String url(DatabaseEndpoint endpoint) {
        String credentials = endpoint.user().isEmpty() ? "" : encode(endpoint.user())
                + (endpoint.password().isEmpty() ? "" : ":" + encode(endpoint.password())) + "@";
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        return "postgresql://" + credentials + host + ":" + endpoint.port() + "/" + encode(endpoint.database());
    }

    /** The mode named by {@code -Dtasker.db.mode}, else {@code preferred}. */
    static DatabaseMode mode(DatabaseMode preferred) {
        return TestDatabases.requestedMode().orElse(preferred);
    }

    /** False when {@code -Dtasker.db.mode} names the other mode (for classes that need one mode). */
    static boolean requested(DatabaseMode mode) {
        return TestDatabases.requestedMode().map(requested -> requested == mode).orElse(true);
    }

    /** A queue name unique to this run: {@code prefix} and 8 hex digits. */
    static String uniqueQueue(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

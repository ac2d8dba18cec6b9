package dev.tasker.database.testing;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.DatabaseProvider;
import dev.tasker.database.ProviderSettings;
import dev.tasker.database.ProvisionedDatabases;
import java.util.Optional;

/**
 * The databases every test suite of this project runs against. One provider per test JVM, chosen by
 * {@code -Dtasker.db.provider} (embedded by default, see {@link ProviderSettings}), started on first use and
 * closed when the JVM exits. {@code -Dtasker.db.mode=single|split} narrows suites that run in both modes.
 */
public final class TestDatabases {

    /** System property that picks one mode for suites that otherwise run both. */
    public static final String MODE_PROPERTY = "tasker.db.mode";

    private static DatabaseProvider provider;

    private TestDatabases() {
    }

    /** The shared provider, started on first use. */
    public static synchronized DatabaseProvider provider() {
        if (provider == null) {
            DatabaseProvider opened = ProviderSettings.fromSystem().open();
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "close-test-databases"));
            provider = opened;
        }
        return provider;
    }

    /** Databases for {@code mode} from the shared provider (fresh ones unless the provider is external). */
    public static ProvisionedDatabases provision(DatabaseMode mode) {
        return provider().provision(mode);
    }

    /** The mode named by {@code -Dtasker.db.mode}, if any. */
    public static Optional<DatabaseMode> requestedMode() {
        return Optional.ofNullable(System.getProperty(MODE_PROPERTY))
                .filter(value -> !value.isBlank())
                .map(DatabaseMode::parse);
    }
}

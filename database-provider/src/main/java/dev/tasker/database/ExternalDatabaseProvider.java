package dev.tasker.database;

import java.util.Optional;

/**
 * Databases on servers the caller already runs, named by URL. Nothing is created or dropped: single mode uses
 * the tasker URL for both sets, split mode needs a PGMQ URL that differs from it (the rule of
 * {@code split-and-runtime.md} §2.3: a plain comparison of the URL text).
 */
public final class ExternalDatabaseProvider implements DatabaseProvider {

    private final String taskerUrl;
    private final Optional<String> pgmqUrl;
    private final DatabaseEndpoint tasker;
    private final Optional<DatabaseEndpoint> pgmq;

    private ExternalDatabaseProvider(String taskerUrl, Optional<String> pgmqUrl) {
        this.taskerUrl = taskerUrl;
        this.pgmqUrl = pgmqUrl.filter(url -> !url.isBlank());
        this.tasker = PostgresUrls.parse("DATABASE_URL", taskerUrl);
        this.pgmq = this.pgmqUrl.map(url -> PostgresUrls.parse("PGMQ_DATABASE_URL", url));
    }

    /**
     * A provider for the given URLs (either spelling, see {@link PostgresUrls}).
     *
     * @param taskerUrl the main database ({@code DATABASE_URL})
     * @param pgmqUrl   the PGMQ database ({@code PGMQ_DATABASE_URL}); empty or blank means "same as the main one"
     * @throws DatabaseProviderException when a URL is missing or malformed
     */
    public static ExternalDatabaseProvider of(String taskerUrl, Optional<String> pgmqUrl) {
        if (taskerUrl == null || taskerUrl.isBlank()) {
            throw new DatabaseProviderException("The external provider needs DATABASE_URL (or -Dtasker.db.url) "
                    + "to name the tasker database");
        }
        return new ExternalDatabaseProvider(taskerUrl.strip(), pgmqUrl.map(String::strip));
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EXTERNAL;
    }

    @Override
    public ProvisionedDatabases provision(DatabaseMode mode) {
        ProvisionedDatabases databases = switch (mode) {
            case SINGLE -> ProvisionedDatabases.single(tasker);
            case SPLIT -> ProvisionedDatabases.split(tasker, separatePgmq());
        };
        ConnectionCheck.requireReachable("tasker", databases.tasker());
        if (databases.pgmqIsSeparate()) {
            ConnectionCheck.requireReachable("PGMQ", databases.pgmq());
        }
        return databases;
    }

    private DatabaseEndpoint separatePgmq() {
        if (pgmq.isEmpty() || pgmqUrl.get().equals(taskerUrl)) {
            throw new DatabaseProviderException("Split mode needs PGMQ_DATABASE_URL (or -Dtasker.db.pgmq-url) set to "
                    + "a database other than DATABASE_URL " + tasker.displayUrl());
        }
        if (pgmq.get().equals(tasker)) {
            throw new DatabaseProviderException("Split mode needs two databases, but PGMQ_DATABASE_URL and "
                    + "DATABASE_URL both name " + tasker.displayUrl());
        }
        return pgmq.get();
    }

    @Override
    public void close() {
        // Nothing was started.
    }

    @Override
    public String toString() {
        return "external(" + tasker.displayUrl() + pgmq.map(p -> ", pgmq " + p.displayUrl()).orElse("") + ")";
    }
}

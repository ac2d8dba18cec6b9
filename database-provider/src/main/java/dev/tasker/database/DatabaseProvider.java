package dev.tasker.database;

/**
 * A source of PostgreSQL databases. Closing it releases whatever it started (an embedded server, a container);
 * databases of an external server are left alone.
 */
public interface DatabaseProvider extends AutoCloseable {

    /** Which kind of provider this is. */
    ProviderKind kind();

    /**
     * Hands out the tasker and PGMQ databases for {@code mode}. Embedded and Testcontainers providers create
     * them (throwaway providers create fresh, empty databases on every call); the external provider checks that
     * the configured databases answer.
     *
     * @throws DatabaseProviderException when the databases cannot be provided, naming why
     */
    ProvisionedDatabases provision(DatabaseMode mode);

    @Override
    void close();
}

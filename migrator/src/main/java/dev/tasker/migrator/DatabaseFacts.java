package dev.tasker.migrator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one database tells about itself and the connecting role, read without changing anything. The preflight
 * decides from these facts alone; {@code doctor} prints them.
 *
 * @param databaseUrl          the database, password masked
 * @param serverVersion        the server's version text ({@code server_version}, e.g. {@code 18.6})
 * @param serverVersionNumber  the server's version number ({@code server_version_num}, e.g. {@code 180006})
 * @param currentUser          the connecting role
 * @param superuser            whether that role is a superuser
 * @param database             the database's name
 * @param databaseOwner        the role that owns the database
 * @param createOnDatabase     whether the role may create schemas (and so extensions) in the database
 * @param createOnSchemaPublic whether the role may create objects in schema {@code public}
 * @param extensions           the extensions the migrations use ({@value #PGMQ} and {@value #PG_UUIDV7}), each
 *                             listed whether offered or not
 * @param uuidGenerateV7       whether a function {@code uuid_generate_v7()} already exists (from pg_uuidv7, an
 *                             earlier migration or an init script's stand-in)
 * @param triggerOnPgmqMeta    whether the role may create a trigger on {@code pgmq.meta} (USAGE on schema pgmq and
 *                             TRIGGER on the table); false when there is no such table
 * @param historyTables        the migrator's history tables present in the database
 * @param upstreamHistory      upstream's {@code _sqlx_migrations} rows, in version order; empty when there is no
 *                             such table
 */
public record DatabaseFacts(String databaseUrl, String serverVersion, int serverVersionNumber, String currentUser,
                            boolean superuser, String database, String databaseOwner, boolean createOnDatabase,
                            boolean createOnSchemaPublic, List<ExtensionFacts> extensions, boolean uuidGenerateV7,
                            boolean triggerOnPgmqMeta,
                            List<HistoryTable> historyTables, Optional<List<UpstreamVersion>> upstreamHistory) {

    /** The pgmq extension's name. */
    public static final String PGMQ = "pgmq";
    /** The pg_uuidv7 extension's name. */
    public static final String PG_UUIDV7 = "pg_uuidv7";
    /** Upstream's (sqlx's) history table. */
    public static final String SQLX_MIGRATIONS = "_sqlx_migrations";

    public DatabaseFacts {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(currentUser, "currentUser");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(databaseOwner, "databaseOwner");
        extensions = List.copyOf(extensions);
        historyTables = List.copyOf(historyTables);
        upstreamHistory = upstreamHistory.map(List::copyOf);
    }

    /** The facts about extension {@code name}; {@link ExtensionFacts#absent} when it was not read. */
    public ExtensionFacts extension(String name) {
        return extensions.stream().filter(extension -> extension.name().equals(name)).findFirst()
                .orElseGet(() -> ExtensionFacts.absent(name));
    }

    /** The history table of {@code set}, when present. */
    public Optional<HistoryTable> history(MigrationSet set) {
        return historyTables.stream().filter(table -> table.set() == set).findFirst();
    }

    /** True when upstream's {@code _sqlx_migrations} table exists. */
    public boolean hasUpstreamHistory() {
        return upstreamHistory.isPresent();
    }

    /** True when the role owns the database. */
    public boolean ownsDatabase() {
        return currentUser.equals(databaseOwner);
    }
}

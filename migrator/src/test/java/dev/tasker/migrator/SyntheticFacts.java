package dev.tasker.migrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@link DatabaseFacts} by hand for servers CI does not have (PostgreSQL before 18, no pgmq, restricted
 * roles). Starts from a fresh database on PostgreSQL 18.6 that offers pgmq 1.11.0 (not superuser-only) and no
 * pg_uuidv7, connected as a superuser.
 */
final class SyntheticFacts {

    static final String URL = "postgresql://migrator:****@db.example:5432/tasker";

    private String serverVersion = "18.6";
    private int serverVersionNumber = 180006;
    private String user = "migrator";
    private boolean superuser = true;
    private String owner = "migrator";
    private boolean createOnDatabase = true;
    private boolean createOnSchemaPublic = true;
    private ExtensionFacts pgmq = new ExtensionFacts("pgmq", Optional.of("1.11.0"), Optional.empty(), false, false);
    private ExtensionFacts uuidv7 = ExtensionFacts.absent("pg_uuidv7");
    private boolean uuidGenerateV7;
    private boolean triggerOnPgmqMeta;
    private final List<HistoryTable> histories = new ArrayList<>();
    private Optional<List<UpstreamVersion>> upstream = Optional.empty();

    static SyntheticFacts fresh() {
        return new SyntheticFacts();
    }

    SyntheticFacts server(String version, int number) {
        serverVersion = version;
        serverVersionNumber = number;
        return this;
    }

    /** Connected as {@code role}, neither superuser nor owner, without any privilege. */
    SyntheticFacts plainRole(String role) {
        user = role;
        superuser = false;
        owner = "postgres";
        createOnDatabase = false;
        createOnSchemaPublic = false;
        return this;
    }

    SyntheticFacts createOnDatabase(boolean granted) {
        createOnDatabase = granted;
        return this;
    }

    SyntheticFacts createOnSchemaPublic(boolean granted) {
        createOnSchemaPublic = granted;
        return this;
    }

    SyntheticFacts pgmq(ExtensionFacts facts) {
        pgmq = facts;
        return this;
    }

    SyntheticFacts pgmqInstalled(String version) {
        pgmq = new ExtensionFacts("pgmq", Optional.of(version), Optional.of(version), false, false);
        return this;
    }

    SyntheticFacts uuidv7(ExtensionFacts facts) {
        uuidv7 = facts;
        return this;
    }

    SyntheticFacts uuidGenerateV7Exists() {
        uuidGenerateV7 = true;
        return this;
    }

    SyntheticFacts triggerOnPgmqMeta(boolean granted) {
        triggerOnPgmqMeta = granted;
        return this;
    }

    SyntheticFacts recorded(MigrationSet set, List<String> versions) {
        histories.add(new HistoryTable(set, versions, List.of()));
        return this;
    }

    SyntheticFacts upstream(List<String> versions, String... failed) {
        List<String> failures = List.of(failed);
        upstream = Optional.of(versions.stream()
                .map(version -> new UpstreamVersion(Long.parseLong(version), "upstream " + version,
                        !failures.contains(version)))
                .toList());
        return this;
    }

    DatabaseFacts build() {
        return new DatabaseFacts(URL, serverVersion, serverVersionNumber, user, superuser, "tasker", owner,
                createOnDatabase, createOnSchemaPublic, List.of(pgmq, uuidv7), uuidGenerateV7, triggerOnPgmqMeta,
                histories, upstream);
    }

    static ExtensionFacts offered(String name, String version, boolean superuserOnly, boolean trusted) {
        return new ExtensionFacts(name, Optional.of(version), Optional.empty(), superuserOnly, trusted);
    }
}

package dev.tasker.migrator.cli;

import dev.tasker.migrator.DatabaseFacts;
import dev.tasker.migrator.ExtensionFacts;
import dev.tasker.migrator.HistoryTable;
import dev.tasker.migrator.MigrationSet;
import dev.tasker.migrator.PoolRole;
import dev.tasker.migrator.UpstreamVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The facts of each database side by side: one row per fact, one column per database. */
final class FactsTable {

    private static final List<Map.Entry<String, Function<DatabaseFacts, String>>> ROWS = List.of(
            Map.entry("url", DatabaseFacts::databaseUrl),
            Map.entry("server version", facts -> facts.serverVersion() + " (" + facts.serverVersionNumber() + ")"),
            Map.entry("role", facts -> facts.currentUser() + (facts.superuser() ? " (superuser)" : "")),
            Map.entry("database owner", DatabaseFacts::databaseOwner),
            Map.entry("CREATE on database", facts -> yesNo(facts.createOnDatabase())),
            Map.entry("CREATE on schema public", facts -> yesNo(facts.createOnSchemaPublic())),
            Map.entry("pgmq extension", facts -> extension(facts.extension(DatabaseFacts.PGMQ))),
            Map.entry("pg_uuidv7 extension", facts -> extension(facts.extension(DatabaseFacts.PG_UUIDV7))),
            Map.entry("TRIGGER on pgmq.meta", facts -> yesNo(facts.triggerOnPgmqMeta())),
            Map.entry("tasker set history", facts -> history(facts, MigrationSet.TASKER)),
            Map.entry("pgmq set history", facts -> history(facts, MigrationSet.PGMQ)),
            Map.entry("upstream " + DatabaseFacts.SQLX_MIGRATIONS, FactsTable::upstream));

    private FactsTable() {
    }

    /** The table for the databases in {@code facts}, in the given order. */
    static TextTable of(Map<PoolRole, DatabaseFacts> facts, boolean split) {
        List<String> headers = new ArrayList<>(List.of("FACT"));
        facts.keySet().forEach(role -> headers.add(split ? role.label().toUpperCase(Locale.ROOT) + " DATABASE"
                : "DATABASE (BOTH SETS)"));
        TextTable table = TextTable.withHeaders(headers.toArray(String[]::new));
        for (Map.Entry<String, Function<DatabaseFacts, String>> row : ROWS) {
            List<Object> cells = new ArrayList<>(List.of(row.getKey()));
            facts.values().forEach(database -> cells.add(row.getValue().apply(database)));
            table.row(cells.toArray());
        }
        return table;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String extension(ExtensionFacts extension) {
        String rule = extension.superuserOnly() ? ", superuser only" : extension.trusted() ? ", trusted" : "";
        if (extension.installed()) {
            return "installed " + extension.installedVersion().orElseThrow();
        }
        return extension.defaultVersion().map(version -> "offered " + version + rule + ", not installed")
                .orElse("not offered by the server");
    }

    private static String history(DatabaseFacts facts, MigrationSet set) {
        return facts.history(set).map(FactsTable::history).orElse("none (" + set.historyTable() + " absent)");
    }

    private static String history(HistoryTable table) {
        return Formats.count(table.versions().size(), "version")
                + (table.failedVersions().isEmpty() ? "" : ", failed: " + String.join(", ", table.failedVersions()))
                + " (" + table.table() + ")";
    }

    private static String upstream(DatabaseFacts facts) {
        return facts.upstreamHistory().map(rows -> {
            long failed = rows.stream().filter(row -> !row.success()).count();
            return Formats.count(rows.size(), "version") + (failed == 0 ? ", all successful"
                    : ", failed: " + rows.stream().filter(row -> !row.success()).map(UpstreamVersion::versionText)
                    .toList());
        }).orElse("absent");
    }
}

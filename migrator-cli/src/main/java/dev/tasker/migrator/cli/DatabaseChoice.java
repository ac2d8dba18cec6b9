package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.EmbeddedDatabaseProvider;
import dev.tasker.database.ProvisionedDatabases;
import dev.tasker.migrator.ConfigKey;
import dev.tasker.migrator.ConfigurationException;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigratorConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The databases a command runs against: the configured URLs, or with {@code --embedded} the persistent embedded
 * server. Without either there is no fallback: the command is refused as a configuration error naming what to set.
 * Closing stops the embedded server; its data stays.
 */
final class DatabaseChoice implements AutoCloseable {

    /** The embedded server's mode without {@code --mode}: split, as upstream recommends and the README runs it. */
    static final DatabaseMode EMBEDDED_DEFAULT_MODE = DatabaseMode.SPLIT;

    private final DatabaseSettings settings;
    private final String modeReason;
    private final Optional<EmbeddedDatabaseProvider> embedded;
    private final Optional<Path> dataDirectory;
    private final Optional<String> note;

    private DatabaseChoice(DatabaseSettings settings, String modeReason, Optional<EmbeddedDatabaseProvider> embedded,
                           Optional<Path> dataDirectory, Optional<String> note) {
        this.settings = settings;
        this.modeReason = modeReason;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.note = note;
    }

    /**
     * Chooses and, for the embedded server, starts the databases.
     *
     * @param defaultDataDirectory the embedded data directory when {@code --data-dir} is not given
     * @param workingDirectory     what a relative {@code --data-dir} is resolved against
     * @throws ConfigurationException when no URL is configured and {@code --embedded} is not given, when
     *                                {@code --mode} disagrees with the URLs, or {@code --data-dir} is given
     *                                for configured URLs
     * @throws dev.tasker.database.DatabaseProviderException when the embedded server cannot start
     */
    static DatabaseChoice open(CommandLine line, MigratorConfiguration configuration, Path defaultDataDirectory,
                               Path workingDirectory) {
        Optional<DatabaseSettings> configured = configuration.databaseSettings();
        if (!line.embedded()) {
            return configured(line, configuration, configured.orElseThrow(() -> noDatabase(configuration)));
        }
        DatabaseMode mode = line.mode().orElse(EMBEDDED_DEFAULT_MODE);
        Path directory = line.dataDir().map(workingDirectory::resolve).orElse(defaultDataDirectory)
                .toAbsolutePath().normalize();
        EmbeddedDatabaseProvider provider = EmbeddedDatabaseProvider.persistent(directory);
        try {
            ProvisionedDatabases databases = provider.provision(mode);
            DatabaseSettings settings = DatabaseSettings.of(databases)
                    .withPools(configuration.taskerPool(), configuration.pgmqPool());
            String reason = line.mode().isPresent() ? "--mode " + mode.label()
                    : "the embedded server's default; --mode single for one database";
            Optional<String> note = configuration.value(ConfigKey.DATABASE_URL)
                    .map(url -> "--embedded: " + url.origin() + " is ignored");
            return new DatabaseChoice(settings, reason, Optional.of(provider), Optional.of(directory), note);
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    /** The databases and pool settings. */
    DatabaseSettings settings() {
        return settings;
    }

    /** Label/value lines for the output's header: mode, databases, embedded server. */
    TextTable describe() {
        TextTable table = TextTable.withoutHeaders(2);
        table.row("mode", settings.mode().label() + " (" + modeReason + ")");
        table.row("tasker database", settings.tasker().displayUrl());
        table.row("pgmq database", settings.pgmqIsSeparate() ? settings.pgmq().displayUrl()
                : "the tasker database (single mode)");
        embedded.ifPresent(provider -> table.row("embedded server", "PostgreSQL " + provider.server().serverVersion()
                + " on port " + provider.server().port() + ", data in " + dataDirectory.orElseThrow()
                + " (kept between runs)"));
        note.ifPresent(text -> table.row("note", text));
        return table;
    }

    /** Stops the embedded server, if one was started. */
    @Override
    public void close() {
        embedded.ifPresent(EmbeddedDatabaseProvider::close);
    }

    private static DatabaseChoice configured(CommandLine line, MigratorConfiguration configuration,
                                             DatabaseSettings settings) {
        if (line.dataDir().isPresent()) {
            throw new ConfigurationException("--data-dir applies only to the embedded server, but "
                    + configuration.value(ConfigKey.DATABASE_URL).orElseThrow().origin() + " is configured; add "
                    + "--embedded to use the embedded server, or drop --data-dir");
        }
        line.mode().filter(wanted -> wanted != settings.mode()).ifPresent(wanted -> {
            throw mismatch(wanted, settings.mode(), configuration);
        });
        String reason = settings.pgmqIsSeparate() ? "PGMQ_DATABASE_URL is set and differs from DATABASE_URL"
                : "PGMQ_DATABASE_URL is unset or equal to DATABASE_URL";
        return new DatabaseChoice(settings, reason, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static ConfigurationException noDatabase(MigratorConfiguration configuration) {
        String file = configuration.configFile().map(path -> " (read: config file " + path + ")").orElse("");
        return new ConfigurationException("No database configured" + file + ". Set DATABASE_URL (environment) or "
                + ConfigKey.DATABASE_URL.propertyName() + " (-D system property or --config file) to the tasker "
                + "database, and PGMQ_DATABASE_URL / " + ConfigKey.PGMQ_DATABASE_URL.propertyName()
                + " to a separate PGMQ database for split mode; or pass --embedded to use the local embedded server "
                + "(never used unless asked for).");
    }

    private static ConfigurationException mismatch(DatabaseMode wanted, DatabaseMode actual,
                                                   MigratorConfiguration configuration) {
        List<String> urls = new ArrayList<>();
        for (ConfigKey key : List.of(ConfigKey.DATABASE_URL, ConfigKey.PGMQ_DATABASE_URL)) {
            urls.add(configuration.value(key).map(value -> value.origin() + " = " + value.maskedValue())
                    .orElse(key.environmentName() + " is not set"));
        }
        String fix = wanted == DatabaseMode.SPLIT
                ? "For split mode set PGMQ_DATABASE_URL to another database than DATABASE_URL"
                : "For single mode unset PGMQ_DATABASE_URL (or set it to the same text as DATABASE_URL)";
        return new ConfigurationException("--mode " + wanted.label() + " disagrees with the configured databases, "
                + "which mean " + actual.label() + " mode: " + String.join("; ", urls) + ". " + fix
                + "; or drop --mode to follow the URLs; or add --embedded to use the embedded server instead.");
    }
}

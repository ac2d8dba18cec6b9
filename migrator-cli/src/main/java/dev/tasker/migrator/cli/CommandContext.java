package dev.tasker.migrator.cli;

import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.PoolRole;
import java.io.PrintStream;

/**
 * What a command runs with.
 *
 * @param line      the parsed command line
 * @param migrator  the migrator over the chosen databases' pools
 * @param databases the chosen databases (for their URLs and pool settings)
 * @param out       where results go
 * @param err       where errors go
 */
record CommandContext(CommandLine line, Migrator migrator, DatabaseChoice databases, PrintStream out,
                      PrintStream err) {

    /** The databases' settings. */
    DatabaseSettings settings() {
        return databases.settings();
    }

    /** The name of the database that plays {@code role}, e.g. {@code tasker_single}. */
    String databaseName(PoolRole role) {
        return settings().endpoint(role).database();
    }
}

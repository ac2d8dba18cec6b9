package dev.tasker.migrator.cli;

import dev.tasker.migrator.Migrator;
import java.io.PrintStream;

/**
 * What a command runs with.
 *
 * @param line     the parsed command line
 * @param migrator the migrator over the target's pools
 * @param target   the databases (for their URLs and pool settings)
 * @param out      where results go
 * @param err      where errors go
 */
record CommandContext(CommandLine line, Migrator migrator, DatabaseTarget target, PrintStream out, PrintStream err) {
}

package dev.tasker.migrator.cli;

/** One command of the CLI: prints its result and says how the process should exit. */
interface CliCommand {

    /**
     * Runs the command.
     *
     * @throws dev.tasker.migrator.MigratorException when a database cannot be reached or read; the CLI reports
     *                                               it as {@link ExitCode#NOT_READY}
     */
    ExitCode run(CommandContext context);
}

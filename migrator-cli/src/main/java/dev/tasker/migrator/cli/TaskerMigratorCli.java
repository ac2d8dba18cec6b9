package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseProviderException;
import dev.tasker.migrator.ConfigurationException;
import dev.tasker.migrator.DatabasePools;
import dev.tasker.migrator.Migrator;
import dev.tasker.migrator.MigratorConfiguration;
import dev.tasker.migrator.MigratorException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code tasker-migrator migrate | status | info | validate | doctor [--mode single|split] [--embedded]
 * [--config FILE] [--dry-run] [--data-dir DIR] [--help]}.
 *
 * <p>The databases come from {@code DATABASE_URL} / {@code PGMQ_DATABASE_URL} (see {@link MigratorConfiguration}
 * for every key and the precedence environment, system properties, config file). Only with {@code --embedded} a
 * persistent embedded PostgreSQL server is started in the data directory ({@code --data-dir}, else system property
 * {@value #DATA_DIR_PROPERTY}, else {@code .tasker/embedded} under the working directory), the {@code --mode}
 * databases (default split) are created there, and the server is stopped at the end; its data stays for the next
 * run. Without {@code --embedded} and without a configured {@code DATABASE_URL} nothing runs: exit 3 names what to
 * set. Results go to stdout as aligned tables, errors to stderr.
 *
 * <p>Exit codes ({@link ExitCode}):
 * <ul>
 *   <li>0: success ({@code doctor}: no check failed; {@code status} / {@code validate}: valid, nothing pending);</li>
 *   <li>1: a migration failed, or {@code status} / {@code validate} found problems;</li>
 *   <li>2: usage error: unknown command or option, missing or bad option value (usage on stderr);</li>
 *   <li>3: configuration error: no database configured and no {@code --embedded}, bad URL or pool setting,
 *       unknown setting, unreadable config file, {@code --mode} disagreeing with the URLs;</li>
 *   <li>4: database not ready: preflight failed, a database is unreachable or the embedded server cannot start
 *       (nothing was changed), or {@code doctor} found a failed check;</li>
 *   <li>5: {@code status} / {@code validate}: versions are pending (the deploy gate);</li>
 *   <li>6: Java older than 21 (checked by the jar's launcher and the {@code tasker-migrator} script).</li>
 * </ul>
 */
public final class TaskerMigratorCli {

    /** The program name used in messages. */
    public static final String PROGRAM = "tasker-migrator";
    /** System property: the embedded data directory used when {@code --data-dir} is not given. */
    public static final String DATA_DIR_PROPERTY = "tasker.migrator.data-dir";
    /**
     * System property: the directory relative {@code --config} and {@code --data-dir} paths are resolved against
     * (the {@code tasker-migrator} script passes the caller's directory); default {@code user.dir}.
     */
    public static final String WORKING_DIR_PROPERTY = "tasker.migrator.working-dir";

    private TaskerMigratorCli() {
    }

    /** Runs the command line and exits with its {@linkplain ExitCode exit code} when that is not 0. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command line against this process's environment and system properties.
     *
     * @return the exit code (see the class description)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), System.getProperties());
    }

    /**
     * Runs the command line with the given environment and system properties (tests pass their own).
     *
     * @return the exit code (see the class description)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
                          Properties systemProperties) {
        Objects.requireNonNull(args, "args");
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println();
            err.print(Usage.text());
            return ExitCode.USAGE.code();
        }
        if (line.help()) {
            out.print(Usage.text());
            return ExitCode.SUCCESS.code();
        }
        return execute(line, out, err, environment, systemProperties).code();
    }

    private static ExitCode execute(CommandLine line, PrintStream out, PrintStream err,
                                    Map<String, String> environment, Properties systemProperties) {
        Command command = line.command().orElseThrow();
        Path workingDirectory = Path.of(Optional.ofNullable(systemProperties.getProperty(WORKING_DIR_PROPERTY))
                .filter(dir -> !dir.isBlank())
                .orElse(systemProperties.getProperty("user.dir", ".")));
        Path defaultDataDirectory = Optional.ofNullable(systemProperties.getProperty(DATA_DIR_PROPERTY))
                .filter(dir -> !dir.isBlank()).map(workingDirectory::resolve)
                .orElse(workingDirectory.resolve(".tasker").resolve("embedded"));
        try {
            MigratorConfiguration configuration = MigratorConfiguration.load(environment, systemProperties,
                    line.configFile().map(workingDirectory::resolve));
            try (DatabaseChoice databases = DatabaseChoice.open(line, configuration, defaultDataDirectory,
                    workingDirectory);
                 DatabasePools pools = DatabasePools.open(databases.settings())) {
                out.println(PROGRAM + " " + command.label() + (line.dryRun() ? " --dry-run" : ""));
                out.print(databases.describe().render());
                out.println();
                CommandContext context = new CommandContext(line, Migrator.using(pools), databases, out, err);
                return commandFor(command).run(context);
            }
        } catch (ConfigurationException e) {
            err.println(PROGRAM + ": configuration error: " + e.getMessage());
            return ExitCode.CONFIGURATION;
        } catch (DatabaseProviderException | MigratorException e) {
            err.println(PROGRAM + ": database not ready: " + e.getMessage());
            if (command != Command.DOCTOR) {
                err.println("Run '" + PROGRAM + " doctor' for a checklist.");
            }
            return ExitCode.NOT_READY;
        }
    }

    private static CliCommand commandFor(Command command) {
        return switch (command) {
            case MIGRATE -> new MigrateCommand();
            case STATUS -> new StatusCommand();
            case INFO -> new InfoCommand();
            case VALIDATE -> new ValidateCommand();
            case DOCTOR -> new DoctorCommand();
        };
    }
}

package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.DatabaseProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line: {@code <command> [--mode single|split] [--embedded] [--config FILE] [--dry-run]
 * [--data-dir DIR] [--help]}. Options may come before or after the command; values follow as the next argument
 * or after {@code =}.
 *
 * @param command    the command; empty only when {@code help} is true
 * @param mode       {@code --mode}
 * @param embedded   {@code --embedded}
 * @param configFile {@code --config}, as typed
 * @param dryRun     {@code --dry-run}
 * @param dataDir    {@code --data-dir}, as typed
 * @param help       {@code --help} or {@code -h}
 */
record CommandLine(Optional<Command> command, Optional<DatabaseMode> mode, boolean embedded,
                   Optional<Path> configFile, boolean dryRun, Optional<Path> dataDir, boolean help) {

    private static final List<String> VALUE_OPTIONS = List.of("--mode", "--config", "--data-dir");
    private static final List<String> FLAGS = List.of("--embedded", "--dry-run", "--help", "-h");

    /**
     * Parses {@code args}.
     *
     * @throws UsageException naming the unknown command or option, the missing or bad value, or the conflict
     */
    static CommandLine parse(String... args) {
        Map<String, String> values = new HashMap<>();
        List<String> flags = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (VALUE_OPTIONS.contains(name)) {
                String value;
                if (equals > 0 && name.length() == equals) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[++i];
                } else {
                    throw new UsageException("option " + name + " needs a value");
                }
                if (value.isBlank()) {
                    throw new UsageException("option " + name + " needs a value");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new UsageException("option " + name + " is given twice");
                }
            } else if (FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "'");
            } else {
                positional.add(arg);
            }
        }
        boolean help = flags.contains("--help") || flags.contains("-h");
        Optional<Command> command = command(positional, help);
        boolean dryRun = flags.contains("--dry-run");
        if (dryRun && command.isPresent() && command.get() != Command.MIGRATE) {
            throw new UsageException("--dry-run applies to migrate only, not to " + command.get().label());
        }
        return new CommandLine(command, Optional.ofNullable(values.get("--mode")).map(CommandLine::mode),
                flags.contains("--embedded"), Optional.ofNullable(values.get("--config")).map(Path::of), dryRun,
                Optional.ofNullable(values.get("--data-dir")).map(Path::of), help);
    }

    private static Optional<Command> command(List<String> positional, boolean help) {
        if (help) {
            return positional.stream().findFirst().flatMap(Command::find);
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command given");
        }
        if (positional.size() > 1) {
            throw new UsageException("unexpected argument '" + positional.get(1) + "' after the command");
        }
        String text = positional.get(0);
        return Optional.of(Command.find(text)
                .orElseThrow(() -> new UsageException("unknown command '" + text + "'")));
    }

    private static DatabaseMode mode(String text) {
        try {
            return DatabaseMode.parse(text);
        } catch (DatabaseProviderException e) {
            throw new UsageException("--mode must be single or split, got '" + text + "'");
        }
    }
}

package dev.tasker.migrator.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The help text of {@code tasker-migrator}. */
final class Usage {

    private Usage() {
    }

    private static final int WIDTH = 100;

    /** The full help text, ending in a line break. */
    static String text() {
        String commands = Arrays.stream(Command.values())
                .map(command -> String.format("  %-10s %s", command.label(), command.summary()))
                .collect(Collectors.joining("\n"));
        String exitCodes = Arrays.stream(ExitCode.values())
                .map(code -> wrap("  " + code.code() + "  ", code.meaning()))
                .collect(Collectors.joining("\n"));
        return """
                Usage: tasker-migrator <command> [options]

                Applies the tasker set to the tasker database (DATABASE_URL) and the PGMQ set to the PGMQ database
                (PGMQ_DATABASE_URL; the same database in single mode), each with its own history, after a preflight
                of both databases. Only with --embedded it uses a persistent local embedded PostgreSQL server instead,
                whose data stays in .tasker/embedded; without --embedded and without DATABASE_URL it exits with 3.

                Commands:
                %s

                Options:
                  --mode single|split  the databases' layout; with configured URLs it must agree with them
                                       (embedded server: default split, single gives one database)
                  --embedded           use the embedded server (also when DATABASE_URL is set)
                  --data-dir DIR       the embedded server's data directory (default .tasker/embedded)
                  --config FILE        read settings from a properties file
                  --dry-run            migrate only: print what would be applied; change nothing
                  -h, --help           print this help

                Configuration (the environment wins over system properties, which win over the --config file
                (or -Dtasker.config=FILE); unset settings take upstream's defaults):
                  DATABASE_URL       tasker.database.url       the tasker database:
                                         postgresql://user:password@host:port/database or
                                         jdbc:postgresql://host:port/database?user=...&password=...
                  PGMQ_DATABASE_URL  tasker.pgmq-database.url  the PGMQ database; unset, empty or equal to
                                         DATABASE_URL means single mode
                  DATABASE_POOL_MAX_CONNECTIONS  tasker.database.pool.max-connections  (default 25; PGMQ 15)
                  DATABASE_POOL_MIN_CONNECTIONS  tasker.database.pool.min-connections  (default 5; PGMQ 3)
                  DATABASE_POOL_ACQUIRE_TIMEOUT  tasker.database.pool.acquire-timeout  (default 10s; PGMQ 5s)
                  DATABASE_POOL_IDLE_TIMEOUT     tasker.database.pool.idle-timeout     (default 300s)
                  DATABASE_POOL_MAX_LIFETIME     tasker.database.pool.max-lifetime     (default 1800s)
                  PGMQ_DATABASE_POOL_*           tasker.pgmq-database.pool.*           the same for the PGMQ pool
                  Durations: 10s, 500ms, 5m or a number of seconds. Unknown tasker.* settings and, in a config file,
                  any key that is not a setting above are refused as typos (exit 3).

                Exit codes:
                %s
                """.formatted(commands, exitCodes);
    }

    /** {@code prefix} then {@code text}, wrapped at {@value #WIDTH} columns with continuation lines indented. */
    private static String wrap(String prefix, String text) {
        StringBuilder wrapped = new StringBuilder(prefix);
        int column = prefix.length();
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && column + 1 + word.length() > WIDTH) {
                wrapped.append('\n').append(" ".repeat(prefix.length()));
                column = prefix.length();
            } else if (!first) {
                wrapped.append(' ');
                column++;
            }
            wrapped.append(word);
            column += word.length();
            first = false;
        }
        return wrapped.toString();
    }
}

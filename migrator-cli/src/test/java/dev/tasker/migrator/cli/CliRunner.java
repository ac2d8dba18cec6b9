package dev.tasker.migrator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Runs the CLI in-process with a given environment and no inherited system properties, capturing both streams. */
final class CliRunner {

    /**
     * What one run printed and returned.
     *
     * @param exitCode the exit code
     * @param out      stdout
     * @param err      stderr
     */
    record Result(int exitCode, String out, String err) {

        /** Both streams, for "never printed" checks. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliRunner() {
    }

    /**
     * Runs {@code args} with {@code environment}; relative paths resolve against {@code workingDirectory}, which is
     * also where the default embedded data directory would be.
     */
    static Result run(Path workingDirectory, Map<String, String> environment, String... args) {
        Properties properties = new Properties();
        properties.setProperty(TaskerMigratorCli.WORKING_DIR_PROPERTY, workingDirectory.toString());
        return run(environment, properties, args);
    }

    /** Runs {@code args} with {@code environment} and exactly these system properties. */
    static Result run(Map<String, String> environment, Properties properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = TaskerMigratorCli.run(args, outStream, errStream, environment, properties);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

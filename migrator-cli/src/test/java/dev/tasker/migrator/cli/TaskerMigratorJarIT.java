package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged executable jar ({@code target/tasker-migrator.jar}) with {@code java -jar} in a fresh process
 * with a clean environment, as an operator would: help, the refusal without a database, two embedded split-mode
 * migrations, the deploy gate, and an old Java (when one is installed next to this one).
 */
class TaskerMigratorJarIT {

    private static final Path JAR = Path.of(System.getProperty("migrator-cli.jar", "target/tasker-migrator.jar"));
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path workingDirectory;

    /** One finished process. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void theJarIsSelfContainedAndNamesItsLauncherAndModule() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Main-Class"))
                    .isEqualTo("dev.tasker.migrator.cli.launcher.TaskerMigratorLauncher");
            assertThat(attributes.getValue("Automatic-Module-Name")).isEqualTo("dev.tasker.migrator.cli");
            assertThat(jar.getEntry("db/tasker/")).isNotNull();
            assertThat(jar.getEntry("org/flywaydb/core/Flyway.class")).isNotNull();
            assertThat(jar.getEntry("org/testcontainers/containers/GenericContainer.class")).isNull();
            var services = jar.getEntry("META-INF/services/org.flywaydb.core.extensibility.Plugin");
            String plugins = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(plugins).contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
        }
    }

    @Test
    void helpAndTheRefusalWithoutADatabaseNeedNoServer() throws Exception {
        Run help = java(currentJava(), "--help");
        Run noDatabase = java(currentJava(), "migrate");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: tasker-migrator <command> [options]").contains("  status ");
        assertThat(noDatabase.exitCode()).as(noDatabase.toString()).isEqualTo(3);
        assertThat(noDatabase.err()).contains("No database configured").contains("--embedded");
        assertThat(workingDirectory.resolve(".tasker")).doesNotExist();
    }

    @Test
    void migratesTheEmbeddedServerInSplitModeThenReportsNothingPending() throws Exception {
        Path data = workingDirectory.resolve("data");

        Run gateBefore = java(currentJava(), "status", "--embedded", "--data-dir", data.toString());
        Run first = java(currentJava(), "migrate", "--embedded", "--mode", "split", "--data-dir", data.toString());
        Run second = java(currentJava(), "migrate", "--embedded", "--mode", "split", "--data-dir", data.toString());
        Run gateAfter = java(currentJava(), "status", "--embedded", "--data-dir", data.toString());

        assertThat(gateBefore.exitCode()).as(gateBefore.toString()).isEqualTo(5);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Applied 14 versions (tasker 12, pgmq 2)");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("Nothing pending: both sets are up to date (0 applied)");
        assertThat(gateAfter.exitCode()).as(gateAfter.toString()).isZero();
        assertThat(gateAfter.out()).contains("Nothing pending.");
        assertThat(first.err() + second.err() + gateAfter.err()).as("no log noise on stderr").isEmpty();
    }

    @Test
    void anOldJavaGetsItsOwnExitCode() throws Exception {
        Optional<Path> old = oldJava();
        assumeTrue(old.isPresent(), "no Java older than 21 under /usr/lib/jvm to run the jar with");

        Run run = java(old.get(), "migrate", "--embedded");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).startsWith("tasker-migrator: needs Java 21 or newer, but runs on Java ");
        assertThat(workingDirectory.resolve(".tasker")).doesNotExist();
    }

    private Run java(Path java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("PGMQ_DATABASE_"));
        Path out = Files.createTempFile(workingDirectory, "out", ".txt");
        Path err = Files.createTempFile(workingDirectory, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
                    + " s; stdout: " + Files.readString(out) + "; stderr: " + Files.readString(err));
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Optional<Path> oldJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                    .filter(dir -> featureRelease(dir) > 0 && featureRelease(dir) < 21)
                    .min(Comparator.naturalOrder()).map(dir -> dir.resolve("bin/java"));
        }
    }

    private static int featureRelease(Path jdk) {
        try {
            Path release = jdk.resolve("release");
            if (!Files.exists(release)) {
                return 0;
            }
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String feature = version.startsWith("1.") ? version.substring(2) : version;
                    return Integer.parseInt(feature.split("[.+-]")[0]);
                }
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}

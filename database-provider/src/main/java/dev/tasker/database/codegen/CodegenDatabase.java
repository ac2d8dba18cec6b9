package dev.tasker.database.codegen;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.database.EmbeddedPostgresServer;
import dev.tasker.database.EmbeddedServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Starts a throwaway embedded PostgreSQL on a given port, creates one database and applies one migration set to it
 * with Flyway, then returns and leaves the server running for the jOOQ codegen plugin that the schema module's
 * {@code codegen} profile runs next in the same Maven JVM. The server stops when that JVM exits.
 *
 * <p>Arguments: {@code <port> <database> <flyway location> <history table> <data directory>}, e.g.
 * {@code 54321 codegen filesystem:src/main/resources/db/tasker tasker_schema_history target/codegen-db}. The data
 * directory is emptied first and left behind afterwards (under {@code target/}): deleting it at JVM exit would need
 * classes that Maven has already unloaded by then.
 */
public final class CodegenDatabase {

    private CodegenDatabase() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: CodegenDatabase <port> <database> <flyway location>"
                    + " <history table> <data directory>; got " + String.join(" ", args));
        }
        int port = Integer.parseInt(args[0]);
        Path dataDirectory = Path.of(args[4]);
        deleteRecursively(dataDirectory);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                EmbeddedServerOptions.persistent(dataDirectory).withPort(port));
        DatabaseEndpoint database = server.createDatabase(args[1]);
        MigrateResult result = Flyway.configure(CodegenDatabase.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(args[2])
                .table(args[3])
                .placeholderReplacement(false)
                .load()
                .migrate();
        System.out.printf("codegen database %s on PostgreSQL %s: %d migrations from %s applied%n",
                database.displayUrl(), server.serverVersion(), result.migrationsExecuted, args[2]);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty the codegen data directory " + directory, e);
        }
    }
}

package dev.tasker.migrator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasker.database.DatabaseEndpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/** Login roles that are not superusers (as on a managed server), and endpoints nothing answers on. */
final class TestRoles {

    private TestRoles() {
    }

    /**
     * Creates a login role without superuser, CREATEDB or any grant; skips the test unless {@code admin} connects
     * as a superuser.
     */
    static String create(DatabaseEndpoint admin) throws SQLException {
        assumeTrue((Boolean) MigratorTestBase.value(admin, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"),
                "creating roles needs a superuser connection");
        String role = "migrator_role_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        MigratorTestBase.execute(admin, "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                + " PASSWORD '" + password(role) + "'");
        return role;
    }

    /** {@code database} reached as {@code role}. */
    static DatabaseEndpoint as(DatabaseEndpoint database, String role) {
        return new DatabaseEndpoint(database.host(), database.port(), database.database(), role, password(role),
                database.parameters());
    }

    /** Makes {@code role} the owner of {@code database} (and so of its schema public's CREATE right). */
    static void ownDatabase(DatabaseEndpoint admin, String role) throws SQLException {
        MigratorTestBase.execute(admin, "ALTER DATABASE \"" + admin.database() + "\" OWNER TO " + role);
    }

    /** An endpoint on a local port nothing listens on, with a password that must never be printed. */
    static DatabaseEndpoint unreachable(String database) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return DatabaseEndpoint.of("localhost", port, database, "migrator", "s3cret-password");
    }

    private static String password(String role) {
        return "pw_" + role;
    }
}

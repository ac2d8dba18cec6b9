package dev.tasker.migrator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@link DatabaseFacts} from a connection with catalog queries only; never changes anything. */
final class FactsReader {

    private static final String SERVER_AND_ROLE = """
            SELECT current_setting('server_version') AS server_version,
                   current_setting('server_version_num')::int AS server_version_num,
                   current_user::text AS current_user,
                   r.rolsuper AS superuser,
                   current_database()::text AS database,
                   pg_get_userbyid(d.datdba)::text AS owner,
                   has_database_privilege(current_database(), 'CREATE') AS create_on_database,
                   to_regprocedure('uuid_generate_v7()') IS NOT NULL AS uuid_generate_v7
            FROM pg_roles r, pg_database d
            WHERE r.rolname = current_user AND d.datname = current_database()""";

    private static final String EXTENSIONS = """
            SELECT n.name, a.default_version, e.extversion,
                   coalesce(v.superuser, false) AS superuser, coalesce(v.trusted, false) AS trusted
            FROM (VALUES ('%s', 1), ('%s', 2)) AS n(name, position)
            LEFT JOIN pg_available_extensions a ON a.name = n.name
            LEFT JOIN pg_extension e ON e.extname = n.name
            LEFT JOIN pg_available_extension_versions v ON v.name = n.name AND v.version = a.default_version
            ORDER BY n.position""".formatted(DatabaseFacts.PGMQ, DatabaseFacts.PG_UUIDV7);

    private static final String SCHEMA_OID = "SELECT oid FROM pg_namespace WHERE nspname = ?";

    private static final String PGMQ_META_OID = "SELECT c.oid FROM pg_class c JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = 'pgmq' AND c.relname = 'meta'";

    private FactsReader() {
    }

    /** The facts of the database {@code connection} is connected to; {@code url} is its masked URL. */
    static DatabaseFacts read(Connection connection, String url) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SERVER_AND_ROLE);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return new DatabaseFacts(url, row.getString("server_version"), row.getInt("server_version_num"),
                    row.getString("current_user"), row.getBoolean("superuser"), row.getString("database"),
                    row.getString("owner"), row.getBoolean("create_on_database"),
                    createOnSchemaPublic(connection), extensions(connection), row.getBoolean("uuid_generate_v7"),
                    triggerOnPgmqMeta(connection), historyTables(connection), upstreamHistory(connection));
        }
    }

    private static boolean createOnSchemaPublic(Connection connection) throws SQLException {
        Optional<Long> schema = oid(connection, SCHEMA_OID, "public");
        return schema.isPresent() && bool(connection, "SELECT has_schema_privilege(?::oid, 'CREATE')", schema.get());
    }

    private static List<ExtensionFacts> extensions(Connection connection) throws SQLException {
        List<ExtensionFacts> extensions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(EXTENSIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                extensions.add(new ExtensionFacts(rows.getString("name"),
                        Optional.ofNullable(rows.getString("default_version")),
                        Optional.ofNullable(rows.getString("extversion")),
                        rows.getBoolean("superuser"), rows.getBoolean("trusted")));
            }
        }
        return extensions;
    }

    /** What V20250826180921 checks before creating its trigger: USAGE on schema pgmq and TRIGGER on pgmq.meta. */
    private static boolean triggerOnPgmqMeta(Connection connection) throws SQLException {
        Optional<Long> schema = oid(connection, SCHEMA_OID, "pgmq");
        Optional<Long> meta = oid(connection, PGMQ_META_OID);
        return schema.isPresent() && meta.isPresent()
                && bool(connection, "SELECT has_schema_privilege(?::oid, 'USAGE') AND has_table_privilege(?::oid,"
                + " 'TRIGGER')", schema.get(), meta.get());
    }

    private static List<HistoryTable> historyTables(Connection connection) throws SQLException {
        List<HistoryTable> tables = new ArrayList<>();
        for (MigrationSet set : MigrationSet.values()) {
            if (tableExists(connection, set.historyTable())) {
                List<String> succeeded = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("SELECT version, success FROM "
                        + set.historyTable() + " WHERE version IS NOT NULL ORDER BY installed_rank");
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        (rows.getBoolean("success") ? succeeded : failed).add(rows.getString("version"));
                    }
                }
                tables.add(new HistoryTable(set, succeeded, failed));
            }
        }
        return tables;
    }

    private static Optional<List<UpstreamVersion>> upstreamHistory(Connection connection) throws SQLException {
        if (!tableExists(connection, DatabaseFacts.SQLX_MIGRATIONS)) {
            return Optional.empty();
        }
        List<UpstreamVersion> versions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT version, description, success FROM "
                + DatabaseFacts.SQLX_MIGRATIONS + " ORDER BY version");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                versions.add(new UpstreamVersion(rows.getLong("version"),
                        Optional.ofNullable(rows.getString("description")).orElse(""), rows.getBoolean("success")));
            }
        }
        return Optional.of(versions);
    }

    /** True when an unqualified {@code table} resolves on the search path (where Flyway and sqlx put theirs). */
    private static boolean tableExists(Connection connection, String table) throws SQLException {
        return bool(connection, "SELECT to_regclass(?) IS NOT NULL", table);
    }

    private static Optional<Long> oid(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        }
    }

    private static boolean bool(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet row = statement.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int index = 0; index < parameters.length; index++) {
            statement.setObject(index + 1, parameters[index]);
        }
        return statement;
    }
}

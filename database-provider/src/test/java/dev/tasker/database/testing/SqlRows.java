package dev.tasker.database.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC helpers for tests that query the catalogs or call SQL functions directly: statements with {@code ?}
 * parameters bound by {@code setObject}, rows as column label → value maps in result order.
 */
public final class SqlRows {

    private SqlRows() {
    }

    /** Rows of {@code sql}, each as column label → value, in result order. */
    public static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet resultSet = statement.executeQuery()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (resultSet.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), resultSet.getObject(column));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    /** The only row of {@code rows} (the result of {@code sql}); an assertion error unless there is exactly one. */
    public static Map<String, Object> single(List<Map<String, Object>> rows, String sql) {
        if (rows.size() != 1) {
            throw new AssertionError("expected exactly one row from [" + sql + "] but got " + rows.size() + ": "
                    + rows);
        }
        return rows.getFirst();
    }

    /** Runs a statement (any kind), returning its update count (0 for statements without one). */
    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
            return Math.max(statement.getUpdateCount(), 0);
        }
    }

    /** Binds {@code parameters} to the {@code ?} placeholders of {@code statement}, in order. */
    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            statement.setObject(index + 1, parameters[index]);
        }
    }
}

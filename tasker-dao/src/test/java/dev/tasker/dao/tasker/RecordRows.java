package dev.tasker.dao.tasker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.JSONB;
import org.postgresql.util.PGobject;

/**
 * Compares a typed result record with the row the same function or view returns to plain JDBC: every component
 * must equal its column (camelCase component = snake_case column unless renamed), and every column must be
 * covered. Optionals are unwrapped, enums compared by their database spelling, timestamps by value, numerics by
 * {@code compareTo}, JSON by its text.
 */
public final class RecordRows {

    private RecordRows() {
    }

    /** Asserts that {@code records} match {@code rows} one by one, in order. */
    public static void assertRowsMatch(List<?> records, List<Map<String, Object>> rows, String... renames) {
        assertThat(records).as("row count").hasSize(rows.size());
        for (int index = 0; index < rows.size(); index++) {
            assertRowMatches(records.get(index), rows.get(index), renames);
        }
    }

    /**
     * Asserts that {@code record} matches {@code row}; {@code renames} are pairs of component name, column name for
     * components not named after their column.
     */
    public static void assertRowMatches(Object record, Map<String, Object> row, String... renames) {
        Map<String, String> columnOf = new LinkedHashMap<>();
        for (int index = 0; index < renames.length; index += 2) {
            columnOf.put(renames[index], renames[index + 1]);
        }
        Map<String, Object> covered = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String column = columnOf.getOrDefault(component.getName(), snakeCase(component.getName()));
            assertThat(row).as("column %s for component %s of %s", column, component.getName(),
                    record.getClass().getSimpleName()).containsKey(column);
            Object actual = normalize(value(record, component));
            Object expected = normalize(row.get(column));
            assertThat(comparable(actual, expected)).as("%s.%s (column %s) in %s", record.getClass().getSimpleName(),
                    component.getName(), column, record).isEqualTo(comparable(expected, actual));
            covered.put(column, expected);
        }
        assertThat(covered.keySet()).as("every column of the row reaches the record")
                .containsExactlyInAnyOrderElementsOf(row.keySet());
    }

    private static Object value(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof Optional<?> optional) {
            return normalize(optional.orElse(null));
        }
        if (value instanceof DatabaseValue constant) {
            return constant.databaseValue();
        }
        if (value instanceof JSONB json) {
            return json.data();
        }
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        return value;
    }

    /** {@code value} in the form it can be compared with {@code other} (JDBC timestamps against java.time). */
    private static Object comparable(Object value, Object other) {
        if (value instanceof Timestamp timestamp) {
            return other instanceof OffsetDateTime ? timestamp.toInstant() : timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value;
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}

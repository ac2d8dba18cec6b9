package dev.tasker.migrator.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table with columns as wide as their widest cell, separated by two spaces. With headers, a line of
 * dashes follows the header row; numbers can be right-aligned per column. Trailing blanks are trimmed.
 */
final class TextTable {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    private TextTable(List<String> headers, int columns) {
        this.headers = headers;
        this.rightAligned = new boolean[columns];
    }

    /** A table with a header row. */
    static TextTable withHeaders(String... headers) {
        return new TextTable(List.of(headers), headers.length);
    }

    /** A table without a header row (e.g. aligned "label  value" lines). */
    static TextTable withoutHeaders(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a table needs at least one column, got " + columns);
        }
        return new TextTable(List.of(), columns);
    }

    /** Right-aligns the given columns (0-based), e.g. counts. */
    TextTable alignRight(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    /**
     * Adds a row; each cell is printed with {@link String#valueOf(Object)}.
     *
     * @throws IllegalArgumentException when the row has another number of cells than the table has columns
     */
    TextTable row(Object... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("a row of this table needs " + rightAligned.length + " cells, got "
                    + cells.length + ": " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    /** True when no row was added. */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, each ending in a line break. */
    String render() {
        int[] widths = new int[rightAligned.length];
        List<List<String>> all = new ArrayList<>();
        if (!headers.isEmpty()) {
            all.add(headers);
        }
        all.addAll(rows);
        for (List<String> row : all) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        if (!headers.isEmpty()) {
            line(text, headers, widths);
            line(text, Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths);
        }
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    private void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = Objects.requireNonNull(cells.get(column));
            String padding = " ".repeat(widths[column] - cell.length());
            if (column > 0) {
                line.append(GAP);
            }
            line.append(rightAligned[column] ? padding + cell : cell + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}

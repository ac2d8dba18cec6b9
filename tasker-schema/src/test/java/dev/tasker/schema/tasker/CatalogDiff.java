package dev.tasker.schema.tasker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The difference between an expected and an actual list of catalog lines: the expected lines the database lacks
 * ({@link #missing}) and the lines it has beyond them ({@link #extra}), both sorted.
 */
record CatalogDiff(List<String> missing, List<String> extra) {

    static CatalogDiff between(Collection<String> expected, Collection<String> actual) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return new CatalogDiff(List.copyOf(missing), List.copyOf(extra));
    }

    boolean isEmpty() {
        return missing.isEmpty() && extra.isEmpty();
    }

    /** A readable report: every missing line prefixed with "- ", every extra line with "+ ". */
    String report(String what) {
        List<String> out = new ArrayList<>();
        out.add(what + ": " + missing.size() + " missing (-), " + extra.size() + " extra (+)");
        missing.forEach(line -> out.add("- " + line));
        extra.forEach(line -> out.add("+ " + line));
        return String.join(System.lineSeparator(), out);
    }
}

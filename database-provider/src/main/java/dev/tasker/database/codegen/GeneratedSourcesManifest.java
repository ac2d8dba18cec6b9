package dev.tasker.database.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed record of what a schema module's generated jOOQ sources were generated from: a SHA-256 of every
 * migration file, of the codegen configuration and of the generated sources themselves, plus the jOOQ version.
 * {@code write} records it after code generation; {@code verify} (every normal build) recomputes it and fails,
 * naming what changed and the command to run, when the migrations, the configuration, the jOOQ version or the
 * generated sources no longer match.
 *
 * <p>Arguments: {@code write|verify <manifest> <migrations dir> <codegen config> <generated sources dir>
 * <jOOQ version> <regenerate command>}. Line endings are normalised before hashing, so a checkout with CRLF line
 * endings verifies the same.
 */
public final class GeneratedSourcesManifest {

    private static final String HEADER = """
            # What the committed jOOQ sources were generated from. Written by the codegen profile, verified by every
            # build. Do not edit by hand: regenerate instead.
            """;

    private GeneratedSourcesManifest() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 7 || !(args[0].equals("write") || args[0].equals("verify"))) {
            throw new IllegalArgumentException("usage: GeneratedSourcesManifest write|verify <manifest> <migrations dir>"
                    + " <codegen config> <generated sources dir> <jOOQ version> <regenerate command>");
        }
        Path manifest = Path.of(args[1]);
        Map<String, String> current = compute(Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), args[5]);
        if (args[0].equals("write")) {
            Files.createDirectories(manifest.toAbsolutePath().getParent());
            Files.writeString(manifest, render(current), StandardCharsets.UTF_8);
            System.out.println("wrote " + manifest);
            return;
        }
        List<String> differences = differences(read(manifest), current);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The committed jOOQ sources are out of date with "
                    + String.join(", ", differences) + ". Regenerate them and commit the result: "
                    + args[6]);
        }
        System.out.println("generated sources match " + manifest);
    }

    /** The manifest entries for the given inputs, in a stable order. */
    static Map<String, String> compute(Path migrations, Path config, Path generated, String jooqVersion)
            throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("jooq.version", jooqVersion);
        entries.put("codegen.config.sha256", sha256(normalised(config)));
        for (Path migration : sortedFiles(migrations)) {
            entries.put("migration." + migrations.relativize(migration).toString().replace('\\', '/') + ".sha256",
                    sha256(normalised(migration)));
        }
        MessageDigest sources = digest();
        for (Path source : sortedFiles(generated)) {
            sources.update(generated.relativize(source).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sources.update((byte) 0);
            sources.update(normalised(source));
            sources.update((byte) 0);
        }
        entries.put("generated.sources.sha256", HexFormat.of().formatHex(sources.digest()));
        return entries;
    }

    /** Human-readable differences between the recorded and the current entries (empty when they match). */
    static List<String> differences(Map<String, String> recorded, Map<String, String> current) {
        List<String> differences = new ArrayList<>();
        current.forEach((key, value) -> {
            if (!recorded.containsKey(key)) {
                differences.add(describe(key) + " (new)");
            } else if (!recorded.get(key).equals(value)) {
                differences.add(describe(key) + " (changed)");
            }
        });
        recorded.keySet().stream().filter(key -> !current.containsKey(key))
                .forEach(key -> differences.add(describe(key) + " (removed)"));
        return differences;
    }

    private static String describe(String key) {
        if (key.startsWith("migration.")) {
            return "migration " + key.substring("migration.".length(), key.length() - ".sha256".length());
        }
        return switch (key) {
            case "jooq.version" -> "the jOOQ version";
            case "codegen.config.sha256" -> "the codegen configuration";
            case "generated.sources.sha256" -> "the generated sources (edited by hand?)";
            default -> key;
        };
    }

    static String render(Map<String, String> entries) {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    static Map<String, String> read(Path manifest) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Files.exists(manifest)) {
            return entries;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            int separator = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || separator < 0) {
                continue;
            }
            entries.put(trimmed.substring(0, separator), trimmed.substring(separator + 1));
        }
        return entries;
    }

    private static List<Path> sortedFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .sorted((a, b) -> directory.relativize(a).toString().replace('\\', '/')
                            .compareTo(directory.relativize(b).toString().replace('\\', '/')))
                    .toList();
        }
    }

    private static byte[] normalised(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

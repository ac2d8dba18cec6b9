package dev.tasker.migrator;

import java.util.Objects;
import java.util.Optional;

/**
 * What a server offers and a database has of one extension.
 *
 * @param name             the extension, e.g. {@code pgmq}
 * @param defaultVersion   the version {@code CREATE EXTENSION} would install; empty when the server does not offer
 *                         the extension ({@code pg_available_extensions})
 * @param installedVersion the version installed in this database; empty when not installed
 * @param superuserOnly    the default version's control file says only a superuser may create it
 * @param trusted          the default version's control file marks it trusted (any role with CREATE on the
 *                         database may create it)
 */
public record ExtensionFacts(String name, Optional<String> defaultVersion, Optional<String> installedVersion,
                             boolean superuserOnly, boolean trusted) {

    public ExtensionFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultVersion, "defaultVersion");
        Objects.requireNonNull(installedVersion, "installedVersion");
    }

    /** An extension the server does not offer and the database does not have. */
    public static ExtensionFacts absent(String name) {
        return new ExtensionFacts(name, Optional.empty(), Optional.empty(), false, false);
    }

    /** True when the server offers the extension. */
    public boolean offered() {
        return defaultVersion.isPresent();
    }

    /** True when the extension is installed in this database. */
    public boolean installed() {
        return installedVersion.isPresent();
    }

    /** The installed version, else the version that would be installed. */
    public Optional<String> effectiveVersion() {
        return installedVersion.or(() -> defaultVersion);
    }
}

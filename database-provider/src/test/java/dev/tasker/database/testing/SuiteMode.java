package dev.tasker.database.testing;

import dev.tasker.database.DatabaseMode;
import java.util.Optional;

/**
 * The database mode of a test run, for suites that run once per mode: their module's surefire configuration runs
 * the tests twice, setting {@value #PROPERTY} to {@code split} in one execution and {@code single} in the other;
 * {@code -Dtasker.db.mode=single|split} ({@link TestDatabases#MODE_PROPERTY}) keeps only the matching run.
 */
public final class SuiteMode {

    /** Set by each surefire execution of a module whose suite runs in both modes. */
    public static final String PROPERTY = "tasker.db.suite-mode";

    private SuiteMode() {
    }

    /** The mode of this run: the execution's, else the requested one, else split (e.g. from an IDE). */
    public static DatabaseMode current() {
        return Optional.ofNullable(System.getProperty(PROPERTY))
                .filter(value -> !value.isBlank())
                .map(DatabaseMode::parse)
                .or(TestDatabases::requestedMode)
                .orElse(DatabaseMode.SPLIT);
    }

    /** True when this run is the split-mode run (for suites that only make sense there). */
    public static boolean split() {
        return current() == DatabaseMode.SPLIT;
    }

    /** False when {@code -Dtasker.db.mode} asks for the other mode than this run's. */
    public static boolean requested() {
        return TestDatabases.requestedMode().map(mode -> mode == current()).orElse(true);
    }
}

package dev.tasker.it;

import dev.tasker.database.DatabaseMode;
import dev.tasker.database.testing.TestDatabases;
import java.util.Optional;

/**
 * The database mode of this test run. The module's surefire configuration runs the suite twice, once per mode, by
 * setting {@value #PROPERTY}; {@code -Dtasker.db.mode=single|split} keeps only the matching run.
 */
final class SuiteMode {

    /** Set by each surefire execution of this module. */
    static final String PROPERTY = "tasker.it.mode";

    private SuiteMode() {
    }

    /** The mode of this surefire execution (split when run outside Maven, e.g. from an IDE, unless asked). */
    static DatabaseMode current() {
        return Optional.ofNullable(System.getProperty(PROPERTY))
                .filter(value -> !value.isBlank())
                .map(DatabaseMode::parse)
                .or(TestDatabases::requestedMode)
                .orElse(DatabaseMode.SPLIT);
    }

    /** True when this run is the split-mode run (for suites that only make sense there, via {@code @EnabledIf}). */
    static boolean split() {
        return current() == DatabaseMode.SPLIT;
    }

    /** False when {@code -Dtasker.db.mode} asks for the other mode than this execution's. */
    static boolean requested() {
        return TestDatabases.requestedMode().map(mode -> mode == current()).orElse(true);
    }
}

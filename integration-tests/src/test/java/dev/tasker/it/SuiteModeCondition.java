package dev.tasker.it;

import dev.tasker.database.testing.SuiteMode;
import dev.tasker.database.testing.TestDatabases;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the suites of this surefire run when {@code -Dtasker.db.mode} asks for the other mode, so that the run
 * reports them as skipped with the reason instead of provisioning databases for nothing.
 */
final class SuiteModeCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (SuiteMode.requested()) {
            return ConditionEvaluationResult.enabled("this run is in " + SuiteMode.current().label() + " mode");
        }
        return ConditionEvaluationResult.disabled("-D" + TestDatabases.MODE_PROPERTY + " asks for "
                + TestDatabases.requestedMode().orElseThrow().label() + " mode only; this run is in "
                + SuiteMode.current().label() + " mode");
    }
}

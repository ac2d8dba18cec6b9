package dev.tasker.migrator;

import dev.tasker.database.DatabaseMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the preflight: a direct connection to each distinct database (never through the pool, so an unreachable
 * server fails at once with the driver's reason), its facts, and {@link PreflightRules}. Changes nothing.
 */
final class Preflight {

    private Preflight() {
    }

    /** The checks of every database of {@code targets}, in order. */
    static PreflightReport run(DatabaseMode mode, List<DatabaseTarget> targets) {
        List<PreflightCheck> checks = new ArrayList<>();
        for (DatabaseTarget target : targets) {
            checks.addAll(check(target));
        }
        return new PreflightReport(mode, checks);
    }

    private static List<PreflightCheck> check(DatabaseTarget target) {
        Connection connection;
        try {
            connection = target.endpoint().connect();
        } catch (SQLException e) {
            return List.of(PreflightCheck.failed(target.role(), PreflightCheck.REACHABLE, target.unreachable(e)));
        }
        try (connection) {
            DatabaseFacts facts = FactsReader.read(connection, target.url());
            List<PreflightCheck> checks = new ArrayList<>();
            checks.add(PreflightCheck.passed(target.role(), PreflightCheck.REACHABLE, "connected to "
                    + target.url() + " as " + facts.currentUser() + " (PostgreSQL " + facts.serverVersion() + ")"));
            checks.addAll(PreflightRules.checks(facts, target.sets()));
            return checks;
        } catch (SQLException e) {
            return List.of(PreflightCheck.passed(target.role(), PreflightCheck.REACHABLE, "connected to "
                    + target.url()), PreflightCheck.failed(target.role(), PreflightCheck.CATALOG,
                    "cannot read the catalog of " + target.url() + ": " + e.getMessage()));
        }
    }
}

package dev.tasker.migrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Compares one set's history with its migration files: a recorded version whose file changed (checksum), a
 * recorded version no file has, a version recorded as failed, a version skipped although later ones were applied.
 * Pending versions are not problems. Changes nothing.
 */
final class SetValidator {

    private SetValidator() {
    }

    /** The problems of {@code set} in {@code target}, one sentence each; empty when its history matches. */
    static SetValidation validate(MigrationSet set, DatabaseTarget target) {
        List<String> problems = new ArrayList<>();
        for (MigrationInfo info : SetHistory.infos(set, target.pool(), target.url())) {
            problem(set, info).ifPresent(problems::add);
        }
        return new SetValidation(set, target.url(), problems);
    }

    private static Optional<String> problem(MigrationSet set, MigrationInfo info) {
        String version = "version " + info.getVersion().getVersion() + " (" + info.getDescription() + ")";
        MigrationState state = info.getState();
        String problem = null;
        if (state.isApplied() && !state.isResolved()) {
            problem = version + " is recorded in " + set.historyTable() + " but no migration file of the "
                    + set.label() + " set has it (removed or renamed, or recorded by another release)";
        } else if (state.isFailed()) {
            problem = version + " is recorded in " + set.historyTable() + " as failed";
        } else if (state.isApplied() && !info.isChecksumMatching()) {
            problem = version + " was changed after it was recorded: " + set.historyTable() + " has checksum "
                    + info.getAppliedChecksum() + ", the file " + info.getScript() + " now has "
                    + info.getResolvedChecksum();
        } else if (state == MigrationState.IGNORED) {
            problem = version + " was never applied although later versions were";
        }
        return Optional.ofNullable(problem);
    }
}

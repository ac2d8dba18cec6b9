package dev.tasker.migrator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Reads one set's history through Flyway's info (the migration files joined with the history table), never
 * changing anything: no history table is created where there is none.
 */
final class SetHistory {

    /** Appended to {@code installed_by} of versions adopted from upstream, which is how info tells them apart. */
    static final String ADOPTED_MARK = " (adopted from _sqlx_migrations)";

    private static final int INSTALLED_BY_LENGTH = 100;

    private SetHistory() {
    }

    /** Every version of {@code set} (files and history), in version order. */
    static List<MigrationInfo> infos(MigrationSet set, DataSource pool, String url) {
        try {
            List<MigrationInfo> versioned = new ArrayList<>();
            for (MigrationInfo info : set.configure(pool).load().info().all()) {
                if (info.getVersion() != null) {
                    versioned.add(info);
                }
            }
            return versioned;
        } catch (FlywayException e) {
            throw new MigratorException("cannot read the history of the " + set.label() + " set (" + set.historyTable()
                    + ") in " + url + ": " + FlywayErrors.reason(e), e);
        }
    }

    /** The state of every version of {@code set}, in version order. */
    static List<VersionStatus> versions(MigrationSet set, DataSource pool, String url) {
        return infos(set, pool, url).stream().map(SetHistory::status).toList();
    }

    /** The recorded (applied or adopted) versions among {@code versions}. */
    static List<String> recorded(List<VersionStatus> versions) {
        return versions.stream().filter(VersionStatus::recorded).map(VersionStatus::version).toList();
    }

    /** The {@code installed_by} value for versions {@code user} adopts (within the column's 100 characters). */
    static String adoptedBy(String user) {
        int room = INSTALLED_BY_LENGTH - ADOPTED_MARK.length();
        return (user.length() > room ? user.substring(0, room) : user) + ADOPTED_MARK;
    }

    private static VersionStatus status(MigrationInfo info) {
        VersionState state;
        if (info.getState().isFailed()) {
            state = VersionState.FAILED;
        } else if (info.getState().isApplied()) {
            boolean adopted = info.getInstalledBy() != null && info.getInstalledBy().endsWith(ADOPTED_MARK);
            state = adopted ? VersionState.ADOPTED : VersionState.APPLIED;
        } else {
            state = VersionState.PENDING;
        }
        Optional<Instant> installedOn = Optional.ofNullable(info.getInstalledOn()).map(date -> date.toInstant());
        return new VersionStatus(info.getVersion().getVersion(), info.getDescription(), state,
                state == VersionState.PENDING ? Optional.empty() : installedOn);
    }
}

package dev.tasker.migrator.cli;

import dev.tasker.database.DatabaseEndpoint;
import dev.tasker.migrator.CheckStatus;
import dev.tasker.migrator.DatabaseFacts;
import dev.tasker.migrator.DatabaseSettings;
import dev.tasker.migrator.MigrationSet;
import dev.tasker.migrator.PoolRole;
import java.util.Map;
import java.util.Optional;

/**
 * {@code doctor}'s checks of the single/split configuration: the mode and both URLs, whether the databases share
 * a server, the pool sizes, and in split mode that neither database holds the other's objects.
 */
final class ConfigurationChecks {

    private static final String CONFIG = "config";

    private ConfigurationChecks() {
    }

    static void addTo(Checklist checklist, DatabaseSettings settings, Map<PoolRole, DatabaseFacts> facts) {
        DatabaseEndpoint tasker = settings.tasker();
        DatabaseEndpoint pgmq = settings.pgmq();
        if (!settings.pgmqIsSeparate()) {
            checklist.add(CheckStatus.PASSED, CONFIG, "mode", "single: both sets in " + tasker.displayUrl());
            checklist.add(CheckStatus.PASSED, CONFIG, "pools",
                    "one pool serves both sets: " + settings.taskerPool().describe());
            return;
        }
        checklist.add(CheckStatus.PASSED, CONFIG, "mode", "split: tasker set in " + tasker.displayUrl()
                + ", pgmq set in " + pgmq.displayUrl());
        String taskerServer = server(tasker);
        String pgmqServer = server(pgmq);
        if (!taskerServer.equals(pgmqServer)) {
            checklist.add(CheckStatus.PASSED, CONFIG, "servers", "different servers: tasker on " + taskerServer
                    + ", pgmq on " + pgmqServer);
        } else if (tasker.database().equals(pgmq.database())) {
            checklist.add(CheckStatus.WARNING, CONFIG, "servers", "both URLs name database " + tasker.database()
                    + " on " + taskerServer + ": upstream's rule counts this as split because the URL texts differ, "
                    + "so two pools open to one database; give PGMQ_DATABASE_URL the same text as DATABASE_URL "
                    + "for single mode");
        } else {
            checklist.add(CheckStatus.PASSED, CONFIG, "servers", "same server " + taskerServer
                    + ", two databases (" + tasker.database() + ", " + pgmq.database() + ")");
        }
        checklist.add(CheckStatus.PASSED, CONFIG, "pools", "tasker pool " + settings.taskerPool().describe()
                + "; pgmq pool " + settings.pgmqPool().describe());
        isolation(checklist, Optional.ofNullable(facts.get(PoolRole.TASKER)),
                Optional.ofNullable(facts.get(PoolRole.PGMQ)));
    }

    private static void isolation(Checklist checklist, Optional<DatabaseFacts> tasker, Optional<DatabaseFacts> pgmq) {
        tasker.ifPresent(facts -> {
            boolean pgmqInstalled = facts.extension(DatabaseFacts.PGMQ).installed();
            boolean pgmqHistory = facts.history(MigrationSet.PGMQ).isPresent();
            if (pgmqInstalled || pgmqHistory) {
                checklist.add(CheckStatus.WARNING, "tasker", "split isolation", "the tasker database has "
                        + (pgmqInstalled ? "the pgmq extension" : "the pgmq set's history")
                        + "; in split mode queues belong in the PGMQ database only");
            } else {
                checklist.add(CheckStatus.PASSED, "tasker", "split isolation", "no pgmq extension, no pgmq set");
            }
        });
        pgmq.ifPresent(facts -> {
            if (facts.history(MigrationSet.TASKER).isPresent()) {
                checklist.add(CheckStatus.WARNING, "pgmq", "split isolation", "the PGMQ database has the tasker "
                        + "set's history; in split mode the tasker set belongs in the tasker database only");
            } else {
                checklist.add(CheckStatus.PASSED, "pgmq", "split isolation", "no tasker set");
            }
        });
    }

    private static String server(DatabaseEndpoint endpoint) {
        return endpoint.host() + ":" + endpoint.port();
    }
}

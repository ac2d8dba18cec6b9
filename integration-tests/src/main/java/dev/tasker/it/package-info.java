/**
 * End-to-end pieces that span both databases: {@link dev.tasker.it.DlqOverviewService} reads the DLQ dashboard from
 * the tasker database and the real queue depths from the PGMQ database, in single and in split mode. The module's
 * tests run the whole platform (migrator, tasker-dao, pgmq-dao) against real PostgreSQL in both modes.
 */
package dev.tasker.it;

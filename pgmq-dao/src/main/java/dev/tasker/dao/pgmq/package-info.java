/**
 * Typed PGMQ queue client, notifications and consumer (filled by the pgmq-dao issue).
 */
package dev.tasker.dao.pgmq;

/**
 * The PGMQ-side Flyway migration set and the jOOQ classes generated from it (filled by the schemas issue).
 */
package dev.tasker.schema.pgmq;

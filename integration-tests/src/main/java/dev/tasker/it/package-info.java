/**
 * End-to-end suites in single and split database modes (filled by the migrator issue).
 */
package dev.tasker.it;

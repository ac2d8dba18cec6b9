/**
 * Task templates with their step DAG: a named task registered with its steps and their dependencies in one call
 * (stored, as upstream does, in the named task's {@code configuration} under {@code "steps"}), and tasks created from
 * such a template with their steps and edges in one transaction.
 */
package dev.tasker.dao.tasker.templates;

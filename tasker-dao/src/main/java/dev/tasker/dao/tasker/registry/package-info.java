/**
 * The registry of the tasker schema: task namespaces, dependent systems, named tasks and named steps, task
 * templates (named task to named step links with step defaults), dependent-system object maps, annotation types
 * and task annotations. Every find-or-create is safe when callers race.
 */
package dev.tasker.dao.tasker.registry;

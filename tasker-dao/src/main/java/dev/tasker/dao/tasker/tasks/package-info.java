/** Tasks of the tasker schema: creation, lookups, listing by current state, completion, context and tags. */
package dev.tasker.dao.tasker.tasks;

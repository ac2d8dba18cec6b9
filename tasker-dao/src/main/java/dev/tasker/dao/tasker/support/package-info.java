/**
 * Shared mechanics of the tasker DAOs: running several statements atomically inside or outside the caller's
 * transaction, translating database errors into the module's exceptions, and argument checks. Public only so that
 * the DAO packages can share it; not part of the supported API.
 */
package dev.tasker.dao.tasker.support;

/**
 * Internal helpers shared by the packages of pgmq-dao (argument checks, thread joins); not part of the client API.
 */
package dev.tasker.dao.pgmq.support;

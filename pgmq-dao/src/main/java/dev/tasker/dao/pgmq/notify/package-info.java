/**
 * LISTEN/NOTIFY for the PGMQ database: {@link dev.tasker.dao.pgmq.notify.PgmqNotificationListener} holds one
 * dedicated connection, subscribes to the project's channels ({@code pgmq_message_ready.<namespace>},
 * {@code pgmq_message_ready}, {@code pgmq_queue_created}) and optionally pgmq's native
 * {@code pgmq.q_<name>.INSERT}, turns payloads into typed {@link dev.tasker.dao.pgmq.notify.NotificationEvent}s and
 * reconnects with backoff. Notifications are hints: anything sent while the listener is disconnected is lost, so a
 * consumer polls after every {@link dev.tasker.dao.pgmq.notify.ConnectionEvent.Reconnected}.
 */
package dev.tasker.dao.pgmq.notify;

-- Upstream 20251115000000_comprehensive_dlq_system: the dead-letter queue (enums, tasker_tasks_dlq, its
-- trigger, the staleness functions and the four views), plus the project's pgmq_available() (deviation D2).
-- No pgmq reference: v_dlq_dashboard reads only tasker_tasks_dlq.

-- >>> DLQ >>>
-- <<< DLQ <<<


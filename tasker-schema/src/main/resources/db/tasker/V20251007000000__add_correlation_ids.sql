-- Upstream 20251007000000_add_correlation_ids: tasker_tasks.correlation_id (backfilled, then NOT NULL, no
-- default) and parent_correlation_id, with three indexes.

-- >>> DDL >>>
-- <<< DDL <<<


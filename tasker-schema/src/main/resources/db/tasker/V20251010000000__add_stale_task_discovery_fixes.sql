-- Upstream 20251010000000_add_stale_task_discovery_fixes: get_next_ready_tasks gained the staleness filter,
-- the computed priority and the pre-limit. That final version is already in V20250912000000, so nothing changes
-- here.

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<


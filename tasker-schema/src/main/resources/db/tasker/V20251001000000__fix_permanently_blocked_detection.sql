-- Upstream 20251001000000_fix_permanently_blocked_detection: "permanently blocked" in
-- get_task_execution_context became error AND (attempts >= max_attempts OR retry_eligible = false).
-- That final rule is already in the initial schema file, so nothing changes here.

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<


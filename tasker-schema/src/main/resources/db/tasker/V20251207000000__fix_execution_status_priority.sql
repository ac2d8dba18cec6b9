-- Upstream 20251207000000_fix_execution_status_priority: blocked_by_failures / handle_failures checked
-- first, and the batch execution-context function brought into line with the single-task one. Both functions
-- are already final in the initial schema file, so nothing changes here.

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<


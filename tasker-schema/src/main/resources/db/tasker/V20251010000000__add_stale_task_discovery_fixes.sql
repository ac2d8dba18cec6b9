-- Upstream 20251010000000_add_stale_task_discovery_fixes: get_next_ready_tasks gained the staleness filter,
-- the computed priority and the pre-limit. That final version is already in V20250912000000, so nothing changes
-- here.

-- ====================================================================================================
-- Functions: step readiness, execution context, DAG, task claiming and task state
-- ====================================================================================================
-- get_next_ready_tasks itself is final in V20250912000000; this version only documents it, as upstream did.
COMMENT ON FUNCTION get_next_ready_tasks(integer) IS
'Ready tasks for claiming, with staleness filtering and priority decay (2025-10-10).
Staleness: tasks waiting for dependencies more than 60 min or for retry more than 30 min are not offered.
Priority: fresh states (< 1 h) gain 0.1 per hour of task age; older states decay exponentially (12 h scale);
states older than 24 h get the minimum priority 0.1 and are left to DLQ detection.
No rows are locked: FOR UPDATE SKIP LOCKED on the CTE is a no-op, so callers must not rely on it for exclusion.';

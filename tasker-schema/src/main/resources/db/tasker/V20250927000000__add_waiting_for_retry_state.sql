-- Upstream 20250927000000_add_waiting_for_retry_state: step state waiting_for_retry (10 step states).
-- The restructured readiness functions, the 2-argument get_step_readiness_status_batch and its support functions
-- (calculate_step_next_retry_time, evaluate_step_state_readiness) are defined in their final form in the initial
-- schema file; this file adds what remains new: the state and set_step_backoff_atomic.

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
-- The 10 step states (§7.2): the initial 9 plus waiting_for_retry, placed before the terminal states.
ALTER TABLE tasker_workflow_step_transitions DROP CONSTRAINT IF EXISTS chk_workflow_step_transitions_to_state;
ALTER TABLE tasker_workflow_step_transitions DROP CONSTRAINT IF EXISTS chk_workflow_step_transitions_from_state;
ALTER TABLE tasker_workflow_step_transitions ADD CONSTRAINT chk_workflow_step_transitions_to_state
    CHECK (to_state IN ('pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
                        'enqueued_as_error_for_orchestration', 'waiting_for_retry',
                        'complete', 'error', 'cancelled', 'resolved_manually'));
ALTER TABLE tasker_workflow_step_transitions ADD CONSTRAINT chk_workflow_step_transitions_from_state
    CHECK (from_state IS NULL
           OR from_state IN ('pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
                             'enqueued_as_error_for_orchestration', 'waiting_for_retry',
                             'complete', 'error', 'cancelled', 'resolved_manually'));

-- ====================================================================================================
-- Functions: step readiness, execution context, DAG, task claiming and task state
-- ====================================================================================================
-- set_step_backoff_atomic (tasker-schema.md §6.3): writes an explicit backoff for the step (which
-- calculate_step_next_retry_time then prefers) and returns whether the step exists. Never called by upstream's
-- application (Q15 kept).
CREATE OR REPLACE FUNCTION set_step_backoff_atomic(p_step_uuid uuid, p_backoff_seconds integer)
RETURNS boolean
    LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE tasker_workflow_steps
    SET backoff_request_seconds = p_backoff_seconds,
        last_attempted_at = now(),
        updated_at = now()
    WHERE workflow_step_uuid = p_step_uuid;
    RETURN FOUND;
END
$fn$;

-- Upstream 20250927000000_add_waiting_for_retry_state: step state waiting_for_retry (10 step states).
-- The restructured readiness functions, the 2-argument get_step_readiness_status_batch and its support functions
-- (calculate_step_next_retry_time, evaluate_step_state_readiness) are defined in their final form in the initial
-- schema file; this file adds what remains new: the state and set_step_backoff_atomic.

-- >>> DDL >>>
-- <<< DDL <<<

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<


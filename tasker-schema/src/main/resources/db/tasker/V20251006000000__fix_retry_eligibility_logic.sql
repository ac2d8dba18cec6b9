-- Upstream 20251006000000_fix_retry_eligibility_logic: the final retry_eligible rule (the first execution is
-- always eligible). evaluate_step_state_readiness and get_step_readiness_status_batch are already final in the
-- initial schema file.

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<


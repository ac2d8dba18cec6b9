-- Upstream 20251006000000_fix_retry_eligibility_logic: the final retry_eligible rule (the first execution is
-- always eligible). evaluate_step_state_readiness and get_step_readiness_status_batch are already final in the
-- initial schema file.

-- ====================================================================================================
-- Functions: step readiness, execution context, DAG, task claiming and task state
-- ====================================================================================================
-- The retry-eligibility rule itself is in the initial schema file. Upstream documented it on the batch function;
-- the comment's "max_attempts=1, retryable=true: first attempt + 1 retry" does not match the code, where one
-- attempt with max_attempts = 1 ends eligibility (1 < 1 is false). Quirk Q7: comment text and code both kept.
COMMENT ON FUNCTION get_step_readiness_status_batch(uuid[], uuid[]) IS
'Batch step readiness with the corrected retry_eligible rule (2025-10-06).

- The first attempt (attempts = 0) is always eligible, whatever max_attempts and retryable say
- Retries (attempts > 0) need retryable = true AND attempts < max_attempts
- Fixes steps with max_attempts=0, retryable=false never running at all

Semantics:
- max_attempts=0, retryable=false: runs once, no retries
- max_attempts=1, retryable=true: first attempt + 1 retry (2 attempts in total)
- the first execution no longer needs retryable=true';

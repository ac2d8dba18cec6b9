-- Upstream 20250912000000_tas41_richer_task_states: the 12 task states, processor_uuid and
-- transition_metadata on task transitions, and the task-claiming / state support functions.
-- get_system_health_counts was replaced here upstream; it is defined in its final 24-column form in the initial
-- schema file.

-- >>> DDL >>>
-- The 12 task states (§7.1), replacing the initial 6. The legacy 'in_progress' can no longer be stored.
ALTER TABLE tasker_task_transitions DROP CONSTRAINT IF EXISTS chk_task_transitions_to_state;
ALTER TABLE tasker_task_transitions DROP CONSTRAINT IF EXISTS chk_task_transitions_from_state;
ALTER TABLE tasker_task_transitions ADD CONSTRAINT chk_task_transitions_to_state
    CHECK (to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                        'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures',
                        'complete', 'error', 'cancelled', 'resolved_manually'));
ALTER TABLE tasker_task_transitions ADD CONSTRAINT chk_task_transitions_from_state
    CHECK (from_state IS NULL
           OR from_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                             'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures',
                             'complete', 'error', 'cancelled', 'resolved_manually'));

-- Processor ownership and timeout bookkeeping. Q5 kept: the application fills metadata and leaves
-- transition_metadata at its default; transition_task_state_atomic does the opposite.
ALTER TABLE tasker_task_transitions ADD COLUMN IF NOT EXISTS processor_uuid uuid;
ALTER TABLE tasker_task_transitions ADD COLUMN IF NOT EXISTS transition_metadata jsonb DEFAULT '{}'::jsonb;

CREATE INDEX IF NOT EXISTS idx_task_transitions_processor ON tasker_task_transitions (processor_uuid)
    WHERE processor_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_task_transitions_timeout ON tasker_task_transitions ((transition_metadata ->> 'timeout_at'))
    WHERE most_recent = true;
-- <<< DDL <<<

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<

-- >>> FUNCTIONS-OPS >>>
-- transition_task_state_atomic(...): a compare-and-set on the task's current state (tasker-schema.md §6.8),
-- in its final (20251115) form: no ownership check (TAS-54); p_processor_uuid is only recorded.
-- Q5 kept: the new row carries p_metadata in transition_metadata, and metadata stays at its default '{}'.
-- Returns false, writing nothing, when the current state is not p_from_state or the task has no transition yet.
-- The current row is locked first; a concurrent caller that waited on the lock finds it no longer most_recent
-- and gets false.
CREATE OR REPLACE FUNCTION transition_task_state_atomic(
    p_task_uuid uuid,
    p_from_state varchar,
    p_to_state varchar,
    p_processor_uuid uuid,
    p_metadata jsonb DEFAULT '{}'
) RETURNS boolean
LANGUAGE plpgsql
AS $transition$
DECLARE
    v_current_state varchar;
    v_next_sort_key integer;
BEGIN
    SELECT tt.to_state INTO v_current_state
    FROM tasker_task_transitions tt
    WHERE tt.task_uuid = p_task_uuid AND tt.most_recent = true
    FOR UPDATE;

    IF NOT FOUND OR v_current_state IS DISTINCT FROM p_from_state THEN
        RETURN false;
    END IF;

    SELECT COALESCE(max(tt.sort_key), 0) + 1 INTO v_next_sort_key
    FROM tasker_task_transitions tt
    WHERE tt.task_uuid = p_task_uuid;

    UPDATE tasker_task_transitions
    SET most_recent = false
    WHERE task_uuid = p_task_uuid AND most_recent = true;

    INSERT INTO tasker_task_transitions (task_uuid, from_state, to_state, processor_uuid, transition_metadata,
                                         sort_key, most_recent, created_at, updated_at)
    VALUES (p_task_uuid, p_from_state, p_to_state, p_processor_uuid, p_metadata,
            v_next_sort_key, true, now(), now());

    RETURN true;
END;
$transition$;
-- <<< FUNCTIONS-OPS <<<


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
-- <<< FUNCTIONS-OPS <<<


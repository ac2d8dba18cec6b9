-- Upstream 20260102000000_add_checkpoint_column (TAS-125): tasker_workflow_steps.checkpoint and two partial
-- indexes on it.

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
-- TAS-125: a step's resumable progress (cursor etc.); NULL when the step keeps no checkpoint.
ALTER TABLE tasker_workflow_steps ADD COLUMN IF NOT EXISTS checkpoint jsonb;

COMMENT ON COLUMN tasker_workflow_steps.checkpoint IS
    'TAS-125: checkpoint of a batch-processing step (cursor and progress), NULL when none';

CREATE INDEX IF NOT EXISTS idx_workflow_steps_checkpoint_exists ON tasker_workflow_steps (workflow_step_uuid)
    WHERE checkpoint IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_steps_checkpoint_cursor ON tasker_workflow_steps ((checkpoint ->> 'cursor'))
    WHERE checkpoint IS NOT NULL;

-- Upstream 20260102000000_add_checkpoint_column (TAS-125): tasker_workflow_steps.checkpoint and two partial
-- indexes on it.

-- >>> DDL >>>
-- <<< DDL <<<


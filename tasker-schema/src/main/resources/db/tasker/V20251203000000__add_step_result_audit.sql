-- Upstream 20251203000000_add_step_result_audit: tasker_workflow_step_result_audit, the audit trigger on
-- step transitions and a backfill from existing transitions.

-- >>> AUDIT >>>
-- <<< AUDIT <<<


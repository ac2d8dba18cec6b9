-- Upstream 20251007000000_add_correlation_ids: tasker_tasks.correlation_id (backfilled, then NOT NULL, no
-- default) and parent_correlation_id, with three indexes.

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
-- correlation_id: added nullable, existing rows backfilled, then NOT NULL with NO default: the application must
-- supply it. Q6 kept: the comment below still calls it "auto-generated".
ALTER TABLE tasker_tasks ADD COLUMN IF NOT EXISTS correlation_id uuid;
UPDATE tasker_tasks SET correlation_id = uuid_generate_v7() WHERE correlation_id IS NULL;
ALTER TABLE tasker_tasks ALTER COLUMN correlation_id SET NOT NULL;

ALTER TABLE tasker_tasks ADD COLUMN IF NOT EXISTS parent_correlation_id uuid;

COMMENT ON COLUMN tasker_tasks.correlation_id IS
    'Correlation ID for distributed tracing across task hierarchies (UUIDv7, auto-generated)';
COMMENT ON COLUMN tasker_tasks.parent_correlation_id IS
    'Correlation ID of the parent workflow when this task was created by another task (NULL for root tasks)';

CREATE INDEX IF NOT EXISTS idx_tasker_tasks_correlation_id ON tasker_tasks (correlation_id);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_parent_correlation_id ON tasker_tasks (parent_correlation_id)
    WHERE parent_correlation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_correlation_hierarchy ON tasker_tasks (parent_correlation_id, correlation_id)
    WHERE parent_correlation_id IS NOT NULL;

-- Upstream 20251118000000_add_unique_edge_constraint: remove duplicate edges (keep the oldest), then
-- UNIQUE (from_step_uuid, to_step_uuid, name) and an index on (from_step_uuid, name).

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
-- Duplicate edges (same from, to and name) would block the unique key: keep the oldest by created_at (ties:
-- the smallest uuid, i.e. the first generated) and delete the others.
DELETE FROM tasker_workflow_step_edges newer
USING tasker_workflow_step_edges older
WHERE newer.from_step_uuid = older.from_step_uuid
  AND newer.to_step_uuid = older.to_step_uuid
  AND newer.name = older.name
  AND (older.created_at, older.workflow_step_edge_uuid) < (newer.created_at, newer.workflow_step_edge_uuid);

-- The real unique key of an edge includes its name; the DAO's ON CONFLICT must name all three columns (D4).
ALTER TABLE tasker_workflow_step_edges
    ADD CONSTRAINT unique_edge_per_step_pair UNIQUE (from_step_uuid, to_step_uuid, name);

CREATE INDEX IF NOT EXISTS idx_workflow_step_edges_from_step_name ON tasker_workflow_step_edges (from_step_uuid, name);

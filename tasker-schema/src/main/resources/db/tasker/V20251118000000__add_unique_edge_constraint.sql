-- Upstream 20251118000000_add_unique_edge_constraint: remove duplicate edges (keep the oldest), then
-- UNIQUE (from_step_uuid, to_step_uuid, name) and an index on (from_step_uuid, name).

-- >>> DDL >>>
-- <<< DDL <<<


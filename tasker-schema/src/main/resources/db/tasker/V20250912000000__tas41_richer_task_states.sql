-- Upstream 20250912000000_tas41_richer_task_states: the 12 task states, processor_uuid and
-- transition_metadata on task transitions, and the task-claiming / state support functions.
-- get_system_health_counts was replaced here upstream; it is defined in its final 24-column form in the initial
-- schema file.

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
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

-- ====================================================================================================
-- Functions: step readiness, execution context, DAG, task claiming and task state
-- ====================================================================================================
-- Task claiming and task-state support functions (tasker-schema.md §6.7, §6.8). get_next_ready_tasks is
-- written in its final 20251010 form; get_next_ready_task delegates to it and so follows it.

-- get_current_task_state (§6.8): to_state of the task's most_recent transition; NULL without one.
CREATE OR REPLACE FUNCTION get_current_task_state(p_task_uuid uuid)
RETURNS character varying
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_state character varying;
BEGIN
    SELECT tr.to_state INTO v_state
    FROM tasker_task_transitions tr
    WHERE tr.task_uuid = p_task_uuid
      AND tr.most_recent = true;
    RETURN v_state;
END
$fn$;

-- find_stuck_tasks (§6.8): current transitions in an active state entered more than p_timeout_minutes ago.
-- The timeout is on the time in the current state, not the task's age. Duration: whole seconds (rounded),
-- then integer division by 60. No ordering. Never called by upstream's application (Q15 kept).
CREATE OR REPLACE FUNCTION find_stuck_tasks(p_timeout_minutes integer DEFAULT 10)
RETURNS TABLE(task_uuid uuid, current_state character varying, processor_uuid uuid, stuck_duration_minutes integer)
    LANGUAGE plpgsql
AS $fn$
BEGIN
    RETURN QUERY
    SELECT tr.task_uuid,
           tr.to_state,
           tr.processor_uuid,
           extract(epoch FROM now() - tr.created_at)::integer / 60
    FROM tasker_task_transitions tr
    WHERE tr.most_recent = true
      AND tr.to_state IN ('initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results')
      AND tr.created_at < now() - make_interval(mins => p_timeout_minutes);
END
$fn$;

-- get_next_ready_tasks (§6.7, final 20251010 version).
--   1. Candidates: current state pending, waiting_for_dependencies or waiting_for_retry, without a current
--      transition in an active state carrying a processor (that condition can never exclude anything; kept).
--   2. Staleness (hardcoded): pending always; waiting_for_dependencies <= 60 min and waiting_for_retry <= 30 min
--      in that state.
--   3. computed_priority from the age of the current state: < 1 h: priority + task age in hours x 0.1 (age from
--      tasker_tasks.created_at); < 24 h: priority x exp(-state age / 12 h); otherwise 0.1.
--   4. Pre-limit to p_limit x 10 by computed_priority DESC, created_at ASC; keep pending tasks and tasks whose
--      execution context has ready steps.
--   5. Order by computed_priority DESC only, limit p_limit.
-- Q3 kept: FOR UPDATE SKIP LOCKED applies to a CTE reference, which PostgreSQL ignores: nothing is locked, and
-- concurrent callers may receive the same tasks.
CREATE OR REPLACE FUNCTION get_next_ready_tasks(p_limit integer DEFAULT 5)
RETURNS TABLE(
    task_uuid uuid,
    task_name character varying,
    priority integer,
    namespace_name character varying,
    ready_steps_count bigint,
    computed_priority numeric,
    current_state character varying
)
    LANGUAGE plpgsql
AS $fn$
BEGIN
    RETURN QUERY
    WITH candidates AS (
        SELECT t.task_uuid AS id,
               nt.name AS named_task_name,
               t.priority AS base_priority,
               tn.name AS ns_name,
               tr.to_state AS state,
               CASE
                   WHEN extract(epoch FROM now() - tr.created_at) < 3600
                       THEN t.priority + extract(epoch FROM now() - t.created_at) / 3600 * 0.1
                   WHEN extract(epoch FROM now() - tr.created_at) < 86400
                       THEN t.priority * exp(-extract(epoch FROM now() - tr.created_at) / 43200)
                   ELSE 0.1
               END AS effective_priority,
               t.created_at AS task_created_at
        FROM tasker_tasks t
        JOIN tasker_task_transitions tr ON tr.task_uuid = t.task_uuid AND tr.most_recent = true
        JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker_task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
        WHERE tr.to_state IN ('pending', 'waiting_for_dependencies', 'waiting_for_retry')
          AND NOT EXISTS (
              SELECT 1
              FROM tasker_task_transitions busy
              WHERE busy.task_uuid = t.task_uuid
                AND busy.most_recent = true
                AND busy.processor_uuid IS NOT NULL
                AND busy.to_state IN ('initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results'))
          AND (tr.to_state = 'pending'
               OR (tr.to_state = 'waiting_for_dependencies'
                   AND extract(epoch FROM now() - tr.created_at) / 60 <= 60)
               OR (tr.to_state = 'waiting_for_retry'
                   AND extract(epoch FROM now() - tr.created_at) / 60 <= 30))
        ORDER BY effective_priority DESC, t.created_at ASC
        LIMIT p_limit * 10
    ),
    claimable AS (
        SELECT c.id, c.named_task_name, c.base_priority, c.ns_name, ctx.ready_steps AS ready, c.effective_priority,
               c.state
        FROM candidates c
        CROSS JOIN LATERAL get_task_execution_context(c.id) ctx
        WHERE c.state = 'pending' OR ctx.execution_status = 'has_ready_steps'
    )
    SELECT cl.id,
           cl.named_task_name,
           cl.base_priority,
           cl.ns_name,
           COALESCE(cl.ready, 0),
           cl.effective_priority,
           cl.state
    FROM claimable cl
    ORDER BY cl.effective_priority DESC
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED;
END
$fn$;

-- get_next_ready_task (§6.7): the first row of get_next_ready_tasks(1).
CREATE OR REPLACE FUNCTION get_next_ready_task()
RETURNS TABLE(
    task_uuid uuid,
    task_name character varying,
    priority integer,
    namespace_name character varying,
    ready_steps_count bigint,
    computed_priority numeric,
    current_state character varying
)
    LANGUAGE plpgsql
AS $fn$
BEGIN
    RETURN QUERY SELECT * FROM get_next_ready_tasks(1);
END
$fn$;

-- get_task_ready_info (§6.7): the same columns for one task in any state, without the candidate, staleness and
-- readiness filters. No row when the task has no most_recent transition. computed_priority is always
-- priority + task age in hours x 0.1 (no decay).
CREATE OR REPLACE FUNCTION get_task_ready_info(p_task_uuid uuid)
RETURNS TABLE(
    task_uuid uuid,
    task_name character varying,
    priority integer,
    namespace_name character varying,
    ready_steps_count bigint,
    computed_priority numeric,
    current_state character varying
)
    LANGUAGE plpgsql
AS $fn$
BEGIN
    RETURN QUERY
    SELECT t.task_uuid,
           nt.name,
           t.priority,
           tn.name,
           COALESCE(ctx.ready_steps, 0),
           t.priority + extract(epoch FROM now() - t.created_at) / 3600 * 0.1,
           tr.to_state
    FROM tasker_tasks t
    JOIN tasker_task_transitions tr ON tr.task_uuid = t.task_uuid AND tr.most_recent = true
    JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker_task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    CROSS JOIN LATERAL get_task_execution_context(t.task_uuid) ctx
    WHERE t.task_uuid = p_task_uuid;
END
$fn$;

-- ====================================================================================================
-- Functions: analytics, system health and the task-state compare-and-set
-- ====================================================================================================
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

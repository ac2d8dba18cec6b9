-- Upstream 20250810140000_uuid_v7_initial_schema (tasker copy: the pgmq extension and the headers support
-- live in the pgmq set, V20250810140001__pgmq_extensions).
-- uuid_generate_v7(), the 13 base tables, their indexes and constraints, the DAG view and the functions first
-- defined here. Functions that upstream redefined later are written here in their final form, together with the
-- support functions that final form calls; the later files say what they would have changed.

-- >>> UUID >>>
-- uuid_generate_v7() (deviation D5): the pg_uuidv7 extension where the server offers it; otherwise, on
-- PostgreSQL >= 18, a plain function on top of the built-in uuidv7(); otherwise a clear error naming both
-- remedies. A uuid_generate_v7() that already exists (an init script's stand-in) is left alone.
DO $uuid$
DECLARE
    server_version_num integer := current_setting('server_version_num')::integer;
BEGIN
    IF to_regprocedure('uuid_generate_v7()') IS NOT NULL THEN
        RETURN;
    END IF;

    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_uuidv7') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_uuidv7 CASCADE;
            RETURN;
        EXCEPTION WHEN insufficient_privilege THEN
            IF server_version_num < 180000 THEN
                RAISE;
            END IF;
            RAISE NOTICE 'pg_uuidv7 is offered but this role may not create it; using the built-in uuidv7() of PostgreSQL %',
                current_setting('server_version');
        END;
    END IF;

    IF server_version_num >= 180000 THEN
        CREATE FUNCTION uuid_generate_v7() RETURNS uuid
            LANGUAGE sql VOLATILE PARALLEL SAFE
            AS 'SELECT uuidv7()';
        COMMENT ON FUNCTION uuid_generate_v7() IS
            'tasker-data: UUID version 7 from the built-in uuidv7() (PostgreSQL 18+), standing in for pg_uuidv7';
    ELSE
        RAISE EXCEPTION 'uuid_generate_v7() is not available: PostgreSQL % offers no pg_uuidv7 extension and has no built-in uuidv7()',
                current_setting('server_version')
            USING HINT = 'Install the pg_uuidv7 extension on this server (https://github.com/fboulnois/pg_uuidv7), or run PostgreSQL 18 or later, whose built-in uuidv7() the migration uses instead.',
                  ERRCODE = 'feature_not_supported';
    END IF;
END
$uuid$;
-- <<< UUID <<<

-- >>> DDL >>>
-- <<< DDL <<<

-- >>> FUNCTIONS-CORE >>>
-- Step readiness, task execution context and DAG functions (tasker-schema.md §6.2–§6.6), in their final form:
-- readiness as restructured by 20250927 and fixed by 20251006, execution context as of 20251207, dependency
-- levels with the project's cycle guard (D3).

-- calculate_step_next_retry_time (§6.2 step 6; upstream 20250927). First match wins:
--   1. an explicit backoff written by the application: last_attempted_at + backoff_request_seconds;
--   2. after a failure: failure_time + multiplier ^ COALESCE(attempts, 1) seconds, capped at p_max_backoff_seconds;
--   3. otherwise NULL (no wait).
-- The cap is applied to the number of seconds before it becomes an interval, so a large attempt count gives the
-- cap instead of an interval overflow.
CREATE OR REPLACE FUNCTION calculate_step_next_retry_time(
    backoff_request_seconds integer,
    last_attempted_at timestamp without time zone,
    failure_time timestamp without time zone,
    attempts integer,
    p_max_backoff_seconds integer DEFAULT 60,
    p_backoff_multiplier numeric DEFAULT 2.0
) RETURNS timestamp without time zone
    LANGUAGE sql STABLE
AS $fn$
    SELECT CASE
        WHEN backoff_request_seconds IS NOT NULL AND last_attempted_at IS NOT NULL
            THEN last_attempted_at + make_interval(secs => backoff_request_seconds)
        WHEN failure_time IS NOT NULL
            THEN failure_time + make_interval(secs => LEAST(
                    power(p_backoff_multiplier, COALESCE(attempts, 1)),
                    p_max_backoff_seconds::numeric)::double precision)
        ELSE NULL
    END
$fn$;

-- evaluate_step_state_readiness (§6.2 step 7; final form of 20251006). Ready only in pending or
-- waiting_for_retry, not processed, not in process, with satisfied dependencies, retry-eligible and past any
-- retry time. The retryable argument has been ignored since 20251006 (retry_eligible already covers it).
CREATE OR REPLACE FUNCTION evaluate_step_state_readiness(
    current_state text,
    processed boolean,
    in_process boolean,
    dependencies_satisfied boolean,
    retry_eligible boolean,
    retryable boolean,
    next_retry_time timestamp without time zone
) RETURNS boolean
    LANGUAGE sql STABLE
AS $fn$
    SELECT COALESCE(current_state, 'pending') IN ('pending', 'waiting_for_retry')
       AND NOT COALESCE(processed, false)
       AND NOT COALESCE(in_process, false)
       AND COALESCE(dependencies_satisfied, false)
       AND COALESCE(retry_eligible, false)
       AND (next_retry_time IS NULL OR next_retry_time <= now())
$fn$;

-- get_step_readiness_status_batch (§6.2). Upstream's initial schema had a 1-argument form that 20250927 dropped;
-- only the final 2-argument form is created. Rows are ordered by task, then step.
CREATE OR REPLACE FUNCTION get_step_readiness_status_batch(input_task_uuids uuid[], step_uuids uuid[] DEFAULT NULL)
RETURNS TABLE(
    workflow_step_uuid uuid,
    task_uuid uuid,
    named_step_uuid uuid,
    name text,
    current_state text,
    dependencies_satisfied boolean,
    retry_eligible boolean,
    ready_for_execution boolean,
    last_failure_at timestamp without time zone,
    next_retry_at timestamp without time zone,
    total_parents integer,
    completed_parents integer,
    attempts integer,
    max_attempts integer,
    backoff_request_seconds integer,
    last_attempted_at timestamp without time zone
)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY
    WITH working_set AS (
        SELECT ws.workflow_step_uuid AS step_uuid
        FROM tasker_workflow_steps ws
        WHERE ws.task_uuid = ANY (input_task_uuids)
          AND (step_uuids IS NULL OR ws.workflow_step_uuid = ANY (step_uuids))
    ),
    -- The state of a step is its most_recent transition; a step without one is pending.
    current_states AS (
        SELECT DISTINCT ON (tr.workflow_step_uuid) tr.workflow_step_uuid AS step_uuid, tr.to_state
        FROM tasker_workflow_step_transitions tr
        JOIN working_set w ON w.step_uuid = tr.workflow_step_uuid
        WHERE tr.most_recent = true
        ORDER BY tr.workflow_step_uuid, tr.created_at DESC
    ),
    -- The latest error over the whole history, not only the current state (Q12 kept): a step that failed and
    -- is pending again still waits out the fallback backoff.
    last_failures AS (
        SELECT tr.workflow_step_uuid AS step_uuid, max(tr.created_at) AS failed_at
        FROM tasker_workflow_step_transitions tr
        JOIN working_set w ON w.step_uuid = tr.workflow_step_uuid
        WHERE tr.to_state = 'error'
        GROUP BY tr.workflow_step_uuid
    ),
    -- Parents satisfy a dependency when complete or resolved_manually; a parent without transitions does not.
    parent_counts AS (
        SELECT e.to_step_uuid AS step_uuid,
               count(*) AS total,
               count(*) FILTER (WHERE ps.to_state IN ('complete', 'resolved_manually')) AS completed
        FROM tasker_workflow_step_edges e
        JOIN working_set w ON w.step_uuid = e.to_step_uuid
        LEFT JOIN tasker_workflow_step_transitions ps
               ON ps.workflow_step_uuid = e.from_step_uuid AND ps.most_recent = true
        GROUP BY e.to_step_uuid
    ),
    evaluated AS (
        SELECT ws.workflow_step_uuid AS step_uuid,
               COALESCE(cs.to_state, 'pending')::text AS state,
               (pc.total IS NULL OR pc.completed = pc.total) AS deps_ok,
               -- Final rule (20251006): the first execution is always eligible; later ones need retryable and
               -- attempts < max_attempts (Q7: so max(max_attempts, 1) executions in all).
               (COALESCE(ws.attempts, 0) = 0
                   OR (COALESCE(ws.retryable, true) AND COALESCE(ws.attempts, 0) < COALESCE(ws.max_attempts, 3)))
                   AS eligible,
               lf.failed_at,
               calculate_step_next_retry_time(ws.backoff_request_seconds, ws.last_attempted_at, lf.failed_at,
                                              ws.attempts) AS retry_at
        FROM tasker_workflow_steps ws
        JOIN working_set w ON w.step_uuid = ws.workflow_step_uuid
        LEFT JOIN current_states cs ON cs.step_uuid = ws.workflow_step_uuid
        LEFT JOIN parent_counts pc ON pc.step_uuid = ws.workflow_step_uuid
        LEFT JOIN last_failures lf ON lf.step_uuid = ws.workflow_step_uuid
    )
    SELECT ws.workflow_step_uuid,
           ws.task_uuid,
           ws.named_step_uuid,
           nst.name::text,
           ev.state,
           ev.deps_ok,
           ev.eligible,
           evaluate_step_state_readiness(ev.state, ws.processed, ws.in_process, ev.deps_ok, ev.eligible,
                                         COALESCE(ws.retryable, true), ev.retry_at),
           ev.failed_at,
           ev.retry_at,
           COALESCE(pc.total, 0)::integer,
           COALESCE(pc.completed, 0)::integer,
           COALESCE(ws.attempts, 0),
           COALESCE(ws.max_attempts, 3),
           ws.backoff_request_seconds,
           ws.last_attempted_at
    FROM tasker_workflow_steps ws
    JOIN evaluated ev ON ev.step_uuid = ws.workflow_step_uuid
    JOIN tasker_named_steps nst ON nst.named_step_uuid = ws.named_step_uuid
    LEFT JOIN parent_counts pc ON pc.step_uuid = ws.workflow_step_uuid
    ORDER BY ws.task_uuid, ws.workflow_step_uuid;
END
$fn$;

-- get_step_readiness_status (§6.2): the batch function for one task.
CREATE OR REPLACE FUNCTION get_step_readiness_status(input_task_uuid uuid, step_uuids uuid[] DEFAULT NULL)
RETURNS TABLE(
    workflow_step_uuid uuid,
    task_uuid uuid,
    named_step_uuid uuid,
    name text,
    current_state text,
    dependencies_satisfied boolean,
    retry_eligible boolean,
    ready_for_execution boolean,
    last_failure_at timestamp without time zone,
    next_retry_at timestamp without time zone,
    total_parents integer,
    completed_parents integer,
    attempts integer,
    max_attempts integer,
    backoff_request_seconds integer,
    last_attempted_at timestamp without time zone
)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY SELECT * FROM get_step_readiness_status_batch(ARRAY[input_task_uuid], step_uuids);
END
$fn$;

-- get_task_execution_contexts_batch (§6.4, final 20251207 logic). One row per existing task among
-- input_task_uuids (unknown uuids give no row; a uuid given twice gives one row); tasks without steps get zeros.
CREATE OR REPLACE FUNCTION get_task_execution_contexts_batch(input_task_uuids uuid[])
RETURNS TABLE(
    task_uuid uuid,
    named_task_uuid uuid,
    status text,
    total_steps bigint,
    pending_steps bigint,
    in_progress_steps bigint,
    completed_steps bigint,
    failed_steps bigint,
    ready_steps bigint,
    execution_status text,
    recommended_action text,
    completion_percentage numeric,
    health_status text,
    enqueued_steps bigint
)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY
    WITH tasks AS (
        SELECT t.task_uuid AS id, t.named_task_uuid AS named_id,
               COALESCE(tr.to_state, 'pending')::text AS state
        FROM tasker_tasks t
        LEFT JOIN tasker_task_transitions tr ON tr.task_uuid = t.task_uuid AND tr.most_recent = true
        WHERE t.task_uuid = ANY (input_task_uuids)
    ),
    counts AS (
        SELECT tk.id,
               count(*) AS total,
               count(*) FILTER (WHERE r.current_state = 'pending') AS pending,
               count(*) FILTER (WHERE r.current_state = 'enqueued') AS enqueued,
               count(*) FILTER (WHERE r.current_state = 'in_progress') AS in_progress,
               count(*) FILTER (WHERE r.current_state IN ('enqueued_for_orchestration',
                                                          'enqueued_as_error_for_orchestration')) AS for_orchestration,
               count(*) FILTER (WHERE r.current_state IN ('complete', 'resolved_manually')) AS completed,
               count(*) FILTER (WHERE r.current_state = 'error') AS failed,
               count(*) FILTER (WHERE r.ready_for_execution) AS ready,
               -- Permanently blocked (20251001): in error with attempts used up or no longer retry-eligible.
               count(*) FILTER (WHERE r.current_state = 'error'
                                  AND (r.attempts >= r.max_attempts OR r.retry_eligible = false)) AS blocked
        FROM tasks tk
        CROSS JOIN LATERAL get_step_readiness_status(tk.id) r
        GROUP BY tk.id
    ),
    stats AS (
        SELECT tk.id, tk.named_id, tk.state,
               COALESCE(c.total, 0) AS total, COALESCE(c.pending, 0) AS pending,
               COALESCE(c.enqueued, 0) AS enqueued, COALESCE(c.in_progress, 0) AS in_progress,
               COALESCE(c.for_orchestration, 0) AS for_orchestration, COALESCE(c.completed, 0) AS completed,
               COALESCE(c.failed, 0) AS failed, COALESCE(c.ready, 0) AS ready, COALESCE(c.blocked, 0) AS blocked
        FROM tasks tk
        LEFT JOIN counts c ON c.id = tk.id
    )
    SELECT s.id,
           s.named_id,
           s.state,
           s.total,
           s.pending,
           s.in_progress,
           s.completed,
           s.failed,
           s.ready,
           -- 20251207: permanent failures come first, even when other steps are ready.
           CASE
               WHEN s.blocked > 0 THEN 'blocked_by_failures'
               WHEN s.ready > 0 THEN 'has_ready_steps'
               WHEN s.in_progress > 0 OR s.enqueued > 0 OR s.for_orchestration > 0 THEN 'processing'
               WHEN s.total > 0 AND s.completed = s.total THEN 'all_complete'
               ELSE 'waiting_for_dependencies'
           END,
           -- Only in_progress steps mean wait_for_completion; enqueued-only tasks fall through to
           -- wait_for_dependencies (Q13 kept).
           CASE
               WHEN s.blocked > 0 THEN 'handle_failures'
               WHEN s.ready > 0 THEN 'execute_ready_steps'
               WHEN s.in_progress > 0 THEN 'wait_for_completion'
               WHEN s.total > 0 AND s.completed = s.total THEN 'finalize_task'
               ELSE 'wait_for_dependencies'
           END,
           CASE
               WHEN s.total = 0 THEN 0.0
               ELSE round(s.completed::numeric / s.total::numeric * 100, 2)
           END,
           -- The last rule always matches after the first three, so 'unknown' is unreachable (Q13 kept).
           CASE
               WHEN s.blocked > 0 THEN 'blocked'
               WHEN s.failed = 0 THEN 'healthy'
               WHEN s.failed > 0 AND s.ready > 0 THEN 'recovering'
               WHEN s.failed > 0 AND s.blocked = 0 AND s.ready = 0 THEN 'recovering'
               ELSE 'unknown'
           END,
           s.enqueued + s.for_orchestration
    FROM stats s;
END
$fn$;

-- get_task_execution_context (§6.4): the same logic for one task (no row for an unknown task).
CREATE OR REPLACE FUNCTION get_task_execution_context(input_task_uuid uuid)
RETURNS TABLE(
    task_uuid uuid,
    named_task_uuid uuid,
    status text,
    total_steps bigint,
    pending_steps bigint,
    in_progress_steps bigint,
    completed_steps bigint,
    failed_steps bigint,
    ready_steps bigint,
    execution_status text,
    recommended_action text,
    completion_percentage numeric,
    health_status text,
    enqueued_steps bigint
)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY SELECT * FROM get_task_execution_contexts_batch(ARRAY[input_task_uuid]);
END
$fn$;

-- calculate_dependency_levels (§6.5). A step's level is the longest path to it from a root (a step without
-- incoming edges, level 0); rows ordered by level, then step. Project fix D3 (Q8): upstream recursed without end
-- on a cycle reachable from a root. Each walk carries the steps it has visited and never revisits one, so levels
-- are longest simple paths and the recursion always ends; on a DAG the results are upstream's. Steps that no root
-- reaches (a cycle without entry) are absent, as upstream.
CREATE OR REPLACE FUNCTION calculate_dependency_levels(input_task_uuid uuid)
RETURNS TABLE(workflow_step_uuid uuid, dependency_level integer)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY
    WITH RECURSIVE walk(step_uuid, level, visited) AS (
        SELECT ws.workflow_step_uuid, 0, ARRAY[ws.workflow_step_uuid]
        FROM tasker_workflow_steps ws
        WHERE ws.task_uuid = input_task_uuid
          AND NOT EXISTS (SELECT 1 FROM tasker_workflow_step_edges e WHERE e.to_step_uuid = ws.workflow_step_uuid)
        UNION ALL
        SELECT e.to_step_uuid, w.level + 1, w.visited || e.to_step_uuid
        FROM walk w
        JOIN tasker_workflow_step_edges e ON e.from_step_uuid = w.step_uuid
        JOIN tasker_workflow_steps child ON child.workflow_step_uuid = e.to_step_uuid
        WHERE child.task_uuid = input_task_uuid
          AND e.to_step_uuid <> ALL (w.visited)
    )
    SELECT w.step_uuid, max(w.level)::integer AS level
    FROM walk w
    GROUP BY w.step_uuid
    ORDER BY level, w.step_uuid;
END
$fn$;

-- get_step_transitive_dependencies (§6.6): every ancestor of the target with its distance (1 = direct parent),
-- up to distance 50. UNION ALL: an ancestor reached by several paths appears once per path (Q14 kept).
CREATE OR REPLACE FUNCTION get_step_transitive_dependencies(target_step_uuid uuid)
RETURNS TABLE(
    workflow_step_uuid uuid,
    task_uuid uuid,
    named_step_uuid uuid,
    step_name character varying(128),
    results jsonb,
    processed boolean,
    distance integer
)
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN QUERY
    WITH RECURSIVE ancestors(step_uuid, hops) AS (
        SELECT e.from_step_uuid, 1
        FROM tasker_workflow_step_edges e
        WHERE e.to_step_uuid = target_step_uuid
        UNION ALL
        SELECT e.from_step_uuid, a.hops + 1
        FROM ancestors a
        JOIN tasker_workflow_step_edges e ON e.to_step_uuid = a.step_uuid
        WHERE a.hops < 50
    )
    SELECT ws.workflow_step_uuid, ws.task_uuid, ws.named_step_uuid, nst.name, ws.results, ws.processed, a.hops
    FROM ancestors a
    JOIN tasker_workflow_steps ws ON ws.workflow_step_uuid = a.step_uuid
    JOIN tasker_named_steps nst ON nst.named_step_uuid = ws.named_step_uuid
    ORDER BY a.hops, ws.workflow_step_uuid;
END
$fn$;
-- <<< FUNCTIONS-CORE <<<

-- >>> FUNCTIONS-OPS >>>
-- <<< FUNCTIONS-OPS <<<

-- >>> DDL-TAIL >>>
-- <<< DDL-TAIL <<<


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
-- <<< FUNCTIONS-CORE <<<

-- >>> FUNCTIONS-OPS >>>
-- Analytics and health functions (tasker-schema.md §6.10, §6.11). All plpgsql; each RETURNS TABLE column is
-- also a plpgsql variable, so every column reference in the queries below is qualified with its table alias.

-- get_system_health_counts(): final 24-column form. Upstream replaced the initial 17-column function in
-- 20250912 (DROP + CREATE); only the final one is defined. Per-state counts look at the most_recent transition;
-- the LEFT JOINs make total_tasks / total_steps count rows without any transition too. Always one row.
CREATE OR REPLACE FUNCTION get_system_health_counts()
RETURNS TABLE (
    pending_tasks bigint,
    initializing_tasks bigint,
    enqueuing_steps_tasks bigint,
    steps_in_process_tasks bigint,
    evaluating_results_tasks bigint,
    waiting_for_dependencies_tasks bigint,
    waiting_for_retry_tasks bigint,
    blocked_by_failures_tasks bigint,
    complete_tasks bigint,
    error_tasks bigint,
    cancelled_tasks bigint,
    resolved_manually_tasks bigint,
    total_tasks bigint,
    pending_steps bigint,
    enqueued_steps bigint,
    in_progress_steps bigint,
    enqueued_for_orchestration_steps bigint,
    enqueued_as_error_for_orchestration_steps bigint,
    waiting_for_retry_steps bigint,
    complete_steps bigint,
    error_steps bigint,
    cancelled_steps bigint,
    resolved_manually_steps bigint,
    total_steps bigint
)
LANGUAGE plpgsql
AS $health$
BEGIN
    RETURN QUERY
    WITH task_states AS (
        SELECT
            count(*) FILTER (WHERE cur.to_state = 'pending') AS pending_tasks,
            count(*) FILTER (WHERE cur.to_state = 'initializing') AS initializing_tasks,
            count(*) FILTER (WHERE cur.to_state = 'enqueuing_steps') AS enqueuing_steps_tasks,
            count(*) FILTER (WHERE cur.to_state = 'steps_in_process') AS steps_in_process_tasks,
            count(*) FILTER (WHERE cur.to_state = 'evaluating_results') AS evaluating_results_tasks,
            count(*) FILTER (WHERE cur.to_state = 'waiting_for_dependencies') AS waiting_for_dependencies_tasks,
            count(*) FILTER (WHERE cur.to_state = 'waiting_for_retry') AS waiting_for_retry_tasks,
            count(*) FILTER (WHERE cur.to_state = 'blocked_by_failures') AS blocked_by_failures_tasks,
            count(*) FILTER (WHERE cur.to_state = 'complete') AS complete_tasks,
            count(*) FILTER (WHERE cur.to_state = 'error') AS error_tasks,
            count(*) FILTER (WHERE cur.to_state = 'cancelled') AS cancelled_tasks,
            count(*) FILTER (WHERE cur.to_state = 'resolved_manually') AS resolved_manually_tasks,
            count(*) AS total_tasks
        FROM tasker_tasks t
        LEFT JOIN tasker_task_transitions cur
               ON cur.task_uuid = t.task_uuid AND cur.most_recent = true
    ),
    step_states AS (
        SELECT
            count(*) FILTER (WHERE cur.to_state = 'pending') AS pending_steps,
            count(*) FILTER (WHERE cur.to_state = 'enqueued') AS enqueued_steps,
            count(*) FILTER (WHERE cur.to_state = 'in_progress') AS in_progress_steps,
            count(*) FILTER (WHERE cur.to_state = 'enqueued_for_orchestration') AS enqueued_for_orchestration_steps,
            count(*) FILTER (WHERE cur.to_state = 'enqueued_as_error_for_orchestration') AS enqueued_as_error_for_orchestration_steps,
            count(*) FILTER (WHERE cur.to_state = 'waiting_for_retry') AS waiting_for_retry_steps,
            count(*) FILTER (WHERE cur.to_state = 'complete') AS complete_steps,
            count(*) FILTER (WHERE cur.to_state = 'error') AS error_steps,
            count(*) FILTER (WHERE cur.to_state = 'cancelled') AS cancelled_steps,
            count(*) FILTER (WHERE cur.to_state = 'resolved_manually') AS resolved_manually_steps,
            count(*) AS total_steps
        FROM tasker_workflow_steps ws
        LEFT JOIN tasker_workflow_step_transitions cur
               ON cur.workflow_step_uuid = ws.workflow_step_uuid AND cur.most_recent = true
    )
    SELECT task_states.*, step_states.*
    FROM task_states CROSS JOIN step_states;
END;
$health$;

-- get_analytics_metrics(since_timestamp): one row (§6.11). W = since_timestamp, or one hour ago.
-- Kept quirks: active tasks are counted over all time through steps that have a current transition, and
-- 'skipped' (not a step state) is in the exclusion list, so cancelled steps count as active; the health score
-- always looks at the last hour whatever since_timestamp says; avg_task_duration averages over completed
-- steps, not over tasks.
CREATE OR REPLACE FUNCTION get_analytics_metrics(since_timestamp timestamptz DEFAULT NULL)
RETURNS TABLE (
    active_tasks_count bigint,
    total_namespaces_count bigint,
    unique_task_types_count bigint,
    system_health_score numeric,
    task_throughput bigint,
    completion_count bigint,
    error_count bigint,
    completion_rate numeric,
    error_rate numeric,
    avg_task_duration numeric,
    avg_step_duration numeric,
    step_throughput bigint,
    analysis_period_start timestamptz,
    calculated_at timestamptz
)
LANGUAGE plpgsql
STABLE
AS $analytics$
DECLARE
    window_start timestamptz := COALESCE(since_timestamp, now() - interval '1 hour');
BEGIN
    RETURN QUERY
    WITH current_step AS (
        -- every step that has a current transition, with its task
        SELECT ws.workflow_step_uuid AS step_uuid,
               ws.task_uuid          AS owner_uuid,
               ws.created_at         AS step_created,
               t.created_at          AS task_created,
               cur.to_state          AS state,
               cur.created_at        AS entered_at
        FROM tasker_workflow_steps ws
        JOIN tasker_tasks t ON t.task_uuid = ws.task_uuid
        JOIN tasker_workflow_step_transitions cur
          ON cur.workflow_step_uuid = ws.workflow_step_uuid AND cur.most_recent = true
    ),
    overall AS (
        SELECT
            (SELECT count(DISTINCT cs.owner_uuid) FROM current_step cs
              WHERE cs.state NOT IN ('complete', 'error', 'skipped', 'resolved_manually')) AS active,
            (SELECT count(DISTINCT ns.name)
               FROM tasker_tasks t
               JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
               JOIN tasker_task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid) AS namespaces,
            (SELECT count(DISTINCT nt.name)
               FROM tasker_tasks t
               JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid) AS task_types
    ),
    last_hour AS (
        SELECT count(DISTINCT cs.owner_uuid) FILTER (WHERE cs.state = 'complete') AS completed,
               count(DISTINCT cs.owner_uuid) FILTER (WHERE cs.state = 'error')    AS failed
        FROM current_step cs
        WHERE cs.task_created > now() - interval '1 hour'
    ),
    in_window AS (
        SELECT
            (SELECT count(*) FROM tasker_tasks t WHERE t.created_at > window_start) AS tasks,
            count(DISTINCT cs.owner_uuid) FILTER (WHERE cs.state = 'complete') AS completed,
            count(DISTINCT cs.owner_uuid) FILTER (WHERE cs.state = 'error')    AS failed,
            avg(EXTRACT(EPOCH FROM cs.entered_at - cs.task_created)) FILTER (WHERE cs.state = 'complete')
                AS task_seconds,
            avg(EXTRACT(EPOCH FROM cs.entered_at - cs.step_created)) FILTER (WHERE cs.state = 'complete')
                AS step_seconds,
            (SELECT count(*) FROM tasker_workflow_steps ws
               JOIN tasker_tasks t ON t.task_uuid = ws.task_uuid
              WHERE t.created_at > window_start) AS steps
        FROM current_step cs
        WHERE cs.task_created > window_start
    )
    SELECT
        o.active,
        o.namespaces,
        o.task_types,
        CASE WHEN h.completed + h.failed > 0
             THEN ROUND(h.completed::numeric / (h.completed + h.failed), 3)
             ELSE 1.0
        END,
        w.tasks,
        w.completed,
        w.failed,
        CASE WHEN w.tasks > 0 THEN ROUND(w.completed::numeric / w.tasks * 100, 2) ELSE 0.0 END,
        CASE WHEN w.tasks > 0 THEN ROUND(w.failed::numeric / w.tasks * 100, 2) ELSE 0.0 END,
        ROUND(COALESCE(w.task_seconds, 0), 3),
        ROUND(COALESCE(w.step_seconds, 0), 3),
        w.steps,
        window_start,
        now()
    FROM overall o CROSS JOIN last_hour h CROSS JOIN in_window w;
END;
$analytics$;

-- get_slowest_steps(...): completed steps created after W (default 24 hours ago), slowest first (§6.11).
-- Duration = the complete transition's created_at - the step's created_at; only durations > 0; NULL filters
-- mean "no filter"; no tie-breaker.
CREATE OR REPLACE FUNCTION get_slowest_steps(
    since_timestamp timestamptz DEFAULT NULL,
    limit_count integer DEFAULT 10,
    namespace_filter text DEFAULT NULL,
    task_name_filter text DEFAULT NULL,
    version_filter text DEFAULT NULL
)
RETURNS TABLE (
    workflow_step_uuid uuid,
    task_uuid uuid,
    step_name varchar,
    task_name varchar,
    namespace_name varchar,
    version varchar,
    duration_seconds numeric,
    attempts integer,
    created_at timestamp,
    completed_at timestamp,
    retryable boolean,
    step_status varchar
)
LANGUAGE plpgsql
STABLE
AS $slowest_steps$
DECLARE
    window_start timestamptz := COALESCE(since_timestamp, now() - interval '24 hours');
BEGIN
    RETURN QUERY
    SELECT done.step_uuid, done.owner_uuid, done.step_name, done.task_name, done.namespace_name, done.version,
           ROUND(done.seconds, 3), done.attempts, done.step_created, done.finished_at, done.retryable, done.state
    FROM (
        SELECT ws.workflow_step_uuid AS step_uuid,
               ws.task_uuid          AS owner_uuid,
               nst.name              AS step_name,
               nt.name               AS task_name,
               ns.name               AS namespace_name,
               nt.version            AS version,
               EXTRACT(EPOCH FROM cur.created_at - ws.created_at) AS seconds,
               ws.attempts           AS attempts,
               ws.created_at         AS step_created,
               cur.created_at        AS finished_at,
               ws.retryable          AS retryable,
               cur.to_state          AS state
        FROM tasker_workflow_steps ws
        JOIN tasker_named_steps nst ON nst.named_step_uuid = ws.named_step_uuid
        JOIN tasker_tasks t ON t.task_uuid = ws.task_uuid
        JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker_task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        JOIN tasker_workflow_step_transitions cur
          ON cur.workflow_step_uuid = ws.workflow_step_uuid AND cur.most_recent = true
        WHERE ws.created_at > window_start
          AND cur.to_state = 'complete'
          AND (namespace_filter IS NULL OR ns.name = namespace_filter)
          AND (task_name_filter IS NULL OR nt.name = task_name_filter)
          AND (version_filter IS NULL OR nt.version = version_filter)
    ) done
    WHERE done.seconds > 0
    ORDER BY done.seconds DESC
    LIMIT limit_count;
END;
$slowest_steps$;

-- get_slowest_tasks(...): tasks created after W (default 24 hours ago), slowest first (§6.11). A task ends at
-- the latest created_at among its steps' current transitions in complete or error; tasks with no such step, or
-- with a duration not > 0, are dropped. completed_at is that end time, not tasker_tasks.completed_at.
CREATE OR REPLACE FUNCTION get_slowest_tasks(
    since_timestamp timestamptz DEFAULT NULL,
    limit_count integer DEFAULT 10,
    namespace_filter text DEFAULT NULL,
    task_name_filter text DEFAULT NULL,
    version_filter text DEFAULT NULL
)
RETURNS TABLE (
    task_uuid uuid,
    task_name varchar,
    namespace_name varchar,
    version varchar,
    duration_seconds numeric,
    step_count bigint,
    completed_steps bigint,
    error_steps bigint,
    created_at timestamp,
    completed_at timestamp,
    initiator varchar,
    source_system varchar
)
LANGUAGE plpgsql
STABLE
AS $slowest_tasks$
DECLARE
    window_start timestamptz := COALESCE(since_timestamp, now() - interval '24 hours');
BEGIN
    RETURN QUERY
    SELECT per_task.owner_uuid, per_task.task_name, per_task.namespace_name, per_task.version,
           ROUND(EXTRACT(EPOCH FROM per_task.ended_at - per_task.task_created), 3),
           per_task.steps, per_task.completed, per_task.failed,
           per_task.task_created, per_task.ended_at, per_task.initiator, per_task.source_system
    FROM (
        SELECT t.task_uuid      AS owner_uuid,
               nt.name          AS task_name,
               ns.name          AS namespace_name,
               nt.version       AS version,
               t.created_at     AS task_created,
               t.initiator      AS initiator,
               t.source_system  AS source_system,
               max(cur.created_at) FILTER (WHERE cur.to_state IN ('complete', 'error')) AS ended_at,
               count(DISTINCT ws.workflow_step_uuid) AS steps,
               count(DISTINCT ws.workflow_step_uuid) FILTER (WHERE cur.to_state = 'complete') AS completed,
               count(DISTINCT ws.workflow_step_uuid) FILTER (WHERE cur.to_state = 'error') AS failed
        FROM tasker_tasks t
        JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker_task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        LEFT JOIN tasker_workflow_steps ws ON ws.task_uuid = t.task_uuid
        LEFT JOIN tasker_workflow_step_transitions cur
               ON cur.workflow_step_uuid = ws.workflow_step_uuid AND cur.most_recent = true
        WHERE t.created_at > window_start
          AND (namespace_filter IS NULL OR ns.name = namespace_filter)
          AND (task_name_filter IS NULL OR nt.name = task_name_filter)
          AND (version_filter IS NULL OR nt.version = version_filter)
        GROUP BY t.task_uuid, nt.name, ns.name, nt.version, t.created_at, t.initiator, t.source_system
    ) per_task
    WHERE per_task.ended_at IS NOT NULL
      AND EXTRACT(EPOCH FROM per_task.ended_at - per_task.task_created) > 0
    ORDER BY EXTRACT(EPOCH FROM per_task.ended_at - per_task.task_created) DESC
    LIMIT limit_count;
END;
$slowest_tasks$;
-- <<< FUNCTIONS-OPS <<<

-- >>> DDL-TAIL >>>
-- <<< DDL-TAIL <<<


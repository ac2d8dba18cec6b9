-- Upstream 20251115000000_comprehensive_dlq_system: the dead-letter queue (enums, tasker_tasks_dlq, its
-- trigger, the staleness functions and the four views), plus the project's pgmq_available() and the seed's
-- queue-statistics fallback pgmq_queue_length() (deviation D2).
-- No pgmq reference: v_dlq_dashboard reads only tasker_tasks_dlq.

-- ====================================================================================================
-- Dead-letter queue
-- ====================================================================================================
-- Plain CREATE TYPE / TABLE / INDEX as upstream (Q9 kept: the migration is not idempotent; the history table
-- prevents re-runs). Statements are ordered so that every object exists before anything that refers to it
-- when it is created.
-- Upstream also redefined transition_task_state_atomic here (type fix, ownership check removed); that final
-- form is what V20250912000000 defines, so it is not repeated.

-- §5.1: sets updated_at on every UPDATE of a DLQ row (trigger update_dlq_updated_at below).
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS trigger
LANGUAGE plpgsql
AS $touch$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$touch$;

-- §3: the state of a DLQ investigation (not the task's state) and why the task went there.
CREATE TYPE dlq_resolution_status AS ENUM ('pending', 'manually_resolved', 'permanently_failed', 'cancelled');

CREATE TYPE dlq_reason AS ENUM (
    'staleness_timeout', 'max_retries_exceeded', 'dependency_cycle_detected', 'worker_unavailable', 'manual_dlq');

-- §2.14: one row per investigation; the task itself stays in tasker_tasks. Unlike the base tables, the
-- timestamps are plain timestamp columns with database defaults.
CREATE TABLE tasker_tasks_dlq (
    dlq_entry_uuid uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
    task_uuid uuid NOT NULL REFERENCES tasker_tasks (task_uuid),
    original_state varchar(50) NOT NULL,
    dlq_reason dlq_reason NOT NULL,
    dlq_timestamp timestamp NOT NULL DEFAULT now(),
    resolution_status dlq_resolution_status NOT NULL DEFAULT 'pending',
    resolution_timestamp timestamp,
    resolution_notes text,
    resolved_by varchar(255),
    task_snapshot jsonb NOT NULL,
    metadata jsonb,
    created_at timestamp NOT NULL DEFAULT now(),
    updated_at timestamp NOT NULL DEFAULT now()
);

CREATE INDEX idx_dlq_task_lookup ON tasker_tasks_dlq (task_uuid);
CREATE INDEX idx_dlq_resolution_status ON tasker_tasks_dlq (resolution_status, dlq_timestamp);
CREATE INDEX idx_dlq_reason ON tasker_tasks_dlq (dlq_reason);
CREATE INDEX idx_dlq_timestamp ON tasker_tasks_dlq (dlq_timestamp DESC);

-- At most one pending investigation per task; resolved ones stay as history. create_dlq_entry's
-- ON CONFLICT clause targets this index.
CREATE UNIQUE INDEX idx_dlq_unique_pending_task ON tasker_tasks_dlq (task_uuid) WHERE resolution_status = 'pending';

CREATE TRIGGER update_dlq_updated_at
    BEFORE UPDATE ON tasker_tasks_dlq
    FOR EACH ROW
    EXECUTE FUNCTION update_updated_at_column();

-- Per-template staleness limits live in tasker_named_tasks.configuration->'lifecycle'.
CREATE INDEX idx_named_tasks_lifecycle_config
    ON tasker_named_tasks USING gin ((configuration -> 'lifecycle'))
    WHERE (configuration -> 'lifecycle') IS NOT NULL;

-- §6.9: minutes a task may stay in a state. The template's lifecycle override wins over the caller's default
-- for the three stale-able states; any other state gets 1440 (24 hours).
CREATE OR REPLACE FUNCTION calculate_staleness_threshold(
    p_task_state varchar,
    p_template_config jsonb,
    p_default_waiting_deps integer DEFAULT 60,
    p_default_waiting_retry integer DEFAULT 30,
    p_default_steps_process integer DEFAULT 30
) RETURNS integer
LANGUAGE plpgsql
IMMUTABLE
AS $threshold$
DECLARE
    v_lifecycle jsonb := p_template_config -> 'lifecycle';
BEGIN
    RETURN CASE p_task_state
        WHEN 'waiting_for_dependencies'
            THEN COALESCE((v_lifecycle ->> 'max_waiting_for_dependencies_minutes')::integer, p_default_waiting_deps)
        WHEN 'waiting_for_retry'
            THEN COALESCE((v_lifecycle ->> 'max_waiting_for_retry_minutes')::integer, p_default_waiting_retry)
        WHEN 'steps_in_process'
            THEN COALESCE((v_lifecycle ->> 'max_steps_in_process_minutes')::integer, p_default_steps_process)
        ELSE 1440
    END;
END;
$threshold$;

-- §6.9: opens a pending investigation with a snapshot of the task. Returns the new entry's uuid, or NULL when the
-- task already has a pending entry (ON CONFLICT on idx_dlq_unique_pending_task). Any error (unknown task, a
-- reason that is not a dlq_reason, ...) becomes a WARNING and NULL, so that a caller's loop carries on.
CREATE OR REPLACE FUNCTION create_dlq_entry(
    p_task_uuid uuid,
    p_namespace_name varchar,
    p_task_name varchar,
    p_current_state varchar,
    p_time_in_state_minutes integer,
    p_threshold_minutes integer,
    p_dlq_reason varchar DEFAULT 'staleness_timeout'
) RETURNS uuid
LANGUAGE plpgsql
AS $create_dlq$
DECLARE
    v_snapshot jsonb;
    v_entry uuid;
BEGIN
    SELECT jsonb_build_object(
               'task_uuid', t.task_uuid,
               'namespace', p_namespace_name,
               'task_name', p_task_name,
               'current_state', p_current_state,
               'time_in_state_minutes', p_time_in_state_minutes,
               'threshold_minutes', p_threshold_minutes,
               'snapshot_timestamp', now(),
               'task_details', jsonb_build_object(
                   'correlation_id', t.correlation_id,
                   'priority', t.priority,
                   'requested_at', t.requested_at,
                   'created_at', t.created_at))
    INTO v_snapshot
    FROM tasker_tasks t
    WHERE t.task_uuid = p_task_uuid;

    INSERT INTO tasker_tasks_dlq (task_uuid, original_state, dlq_reason, task_snapshot, metadata)
    VALUES (p_task_uuid, p_current_state, p_dlq_reason::dlq_reason, v_snapshot,
            jsonb_build_object('detection_method', 'automatic_staleness',
                               'time_in_state_minutes', p_time_in_state_minutes,
                               'threshold_minutes', p_threshold_minutes))
    ON CONFLICT (task_uuid) WHERE resolution_status = 'pending' DO NOTHING
    RETURNING dlq_entry_uuid INTO v_entry;

    RETURN v_entry;
EXCEPTION
    WHEN OTHERS THEN
        RAISE WARNING 'create_dlq_entry: no DLQ entry for task %: %', p_task_uuid, SQLERRM;
        RETURN NULL;
END;
$create_dlq$;

-- §6.9: moves a stale task to error through the compare-and-set, recording why in transition_metadata.
-- Errors become a WARNING and false.
CREATE OR REPLACE FUNCTION transition_stale_task_to_error(
    p_task_uuid uuid,
    p_current_state varchar,
    p_namespace_name varchar,
    p_task_name varchar
) RETURNS boolean
LANGUAGE plpgsql
AS $stale_to_error$
BEGIN
    RETURN transition_task_state_atomic(
        p_task_uuid,
        p_current_state,
        'error',
        NULL,
        jsonb_build_object('reason', 'staleness_timeout',
                           'namespace', p_namespace_name,
                           'task_name', p_task_name,
                           'detected_at', now()));
EXCEPTION
    WHEN OTHERS THEN
        RAISE WARNING 'transition_stale_task_to_error: task % not moved to error: %', p_task_uuid, SQLERRM;
        RETURN false;
END;
$stale_to_error$;

-- §4.2: unfinished tasks with their current state. Inner joins throughout, so a task without a most_recent
-- transition is not listed. Minutes are fractional; task age counts from tasker_tasks.created_at.
CREATE OR REPLACE VIEW v_task_state_analysis AS
SELECT t.task_uuid,
       t.correlation_id,
       ns.name                 AS namespace_name,
       ns.task_namespace_uuid  AS namespace_uuid,
       nt.name                 AS task_name,
       nt.named_task_uuid,
       nt.configuration        AS template_config,
       cur.to_state            AS current_state,
       cur.created_at          AS state_entered_at,
       EXTRACT(EPOCH FROM now() - cur.created_at) / 60 AS time_in_state_minutes,
       EXTRACT(EPOCH FROM now() - t.created_at) / 60   AS task_age_minutes,
       t.priority,
       t.complete
FROM tasker_tasks t
JOIN tasker_named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
JOIN tasker_task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
JOIN tasker_task_transitions cur ON cur.task_uuid = t.task_uuid AND cur.most_recent = true
WHERE t.complete = false;

-- §4.3: the three stale-able states against their threshold (template overrides honoured; 60/30/30 are only
-- the defaults). 'stale' at the threshold, 'warning' from 80 % of it. health_status comes before priority.
CREATE OR REPLACE VIEW v_task_staleness_monitoring AS
SELECT tsa.task_uuid,
       tsa.namespace_name,
       tsa.task_name,
       tsa.current_state,
       tsa.time_in_state_minutes,
       tsa.task_age_minutes,
       calculate_staleness_threshold(tsa.current_state, tsa.template_config, 60, 30, 30)
           AS staleness_threshold_minutes,
       CASE
           WHEN tsa.time_in_state_minutes
                >= calculate_staleness_threshold(tsa.current_state, tsa.template_config, 60, 30, 30)
               THEN 'stale'
           WHEN tsa.time_in_state_minutes
                >= calculate_staleness_threshold(tsa.current_state, tsa.template_config, 60, 30, 30) * 0.8
               THEN 'warning'
           ELSE 'healthy'
       END AS health_status,
       tsa.priority
FROM v_task_state_analysis tsa
WHERE tsa.current_state IN ('waiting_for_dependencies', 'waiting_for_retry', 'steps_in_process');

-- §4.4: pending investigations, most urgent first: a weight per reason plus the minutes spent in the DLQ.
CREATE OR REPLACE VIEW v_dlq_investigation_queue AS
SELECT dlq.dlq_entry_uuid,
       dlq.task_uuid,
       dlq.original_state,
       dlq.dlq_reason,
       dlq.dlq_timestamp,
       EXTRACT(EPOCH FROM now() - dlq.dlq_timestamp) / 60 AS minutes_in_dlq,
       dlq.task_snapshot ->> 'namespace'                 AS namespace_name,
       dlq.task_snapshot ->> 'task_name'                 AS task_name,
       dlq.task_snapshot ->> 'current_state'             AS current_state,
       (dlq.metadata ->> 'time_in_state_minutes')::integer AS time_in_state_minutes,
       CASE dlq.dlq_reason
           WHEN 'dependency_cycle_detected' THEN 1000
           WHEN 'max_retries_exceeded' THEN 500
           WHEN 'staleness_timeout' THEN 100
           WHEN 'worker_unavailable' THEN 50
           ELSE 10
       END + EXTRACT(EPOCH FROM now() - dlq.dlq_timestamp) / 60 AS priority_score
FROM tasker_tasks_dlq dlq
WHERE dlq.resolution_status = 'pending'
ORDER BY priority_score DESC;

-- §4.5: counts per reason and status. Reads only tasker_tasks_dlq: no pgmq reference (decision 2 of
-- split-and-runtime.md); queue metrics come from the application on the pgmq pool.
CREATE OR REPLACE VIEW v_dlq_dashboard AS
SELECT dlq_reason,
       count(*)                                                        AS total_entries,
       count(*) FILTER (WHERE resolution_status = 'pending')           AS pending,
       count(*) FILTER (WHERE resolution_status = 'manually_resolved') AS manually_resolved,
       count(*) FILTER (WHERE resolution_status = 'permanently_failed') AS permanent_failures,
       count(*) FILTER (WHERE resolution_status = 'cancelled')         AS cancelled,
       min(dlq_timestamp)                                              AS oldest_entry,
       max(dlq_timestamp)                                              AS newest_entry,
       avg(EXTRACT(EPOCH FROM COALESCE(resolution_timestamp, now()) - dlq_timestamp) / 60)
                                                                       AS avg_resolution_time_minutes
FROM tasker_tasks_dlq
GROUP BY dlq_reason;

-- §6.9: stale tasks without a pending DLQ entry: in one of the three stale-able states, and past the state's
-- threshold or older than p_max_lifetime_hours. Longest in state first, at most p_batch_size rows.
CREATE OR REPLACE FUNCTION get_stale_tasks_for_dlq(
    p_default_waiting_deps integer DEFAULT 60,
    p_default_waiting_retry integer DEFAULT 30,
    p_default_steps_process integer DEFAULT 30,
    p_max_lifetime_hours integer DEFAULT 24,
    p_batch_size integer DEFAULT 100
)
RETURNS TABLE (
    task_uuid uuid,
    namespace_name varchar,
    task_name varchar,
    current_state varchar,
    time_in_state_minutes numeric,
    threshold_minutes integer,
    task_age_minutes numeric
)
LANGUAGE plpgsql
AS $stale_tasks$
BEGIN
    RETURN QUERY
    SELECT candidate.task_uuid, candidate.namespace_name, candidate.task_name, candidate.current_state,
           candidate.time_in_state_minutes, candidate.threshold, candidate.task_age_minutes
    FROM (
        SELECT tsa.task_uuid, tsa.namespace_name, tsa.task_name, tsa.current_state,
               tsa.time_in_state_minutes, tsa.task_age_minutes,
               calculate_staleness_threshold(tsa.current_state, tsa.template_config, p_default_waiting_deps,
                                             p_default_waiting_retry, p_default_steps_process) AS threshold
        FROM v_task_state_analysis tsa
        LEFT JOIN tasker_tasks_dlq pending_entry
               ON pending_entry.task_uuid = tsa.task_uuid AND pending_entry.resolution_status = 'pending'
        WHERE tsa.current_state IN ('waiting_for_dependencies', 'waiting_for_retry', 'steps_in_process')
          AND pending_entry.dlq_entry_uuid IS NULL
    ) candidate
    WHERE candidate.time_in_state_minutes >= candidate.threshold
       OR candidate.task_age_minutes >= p_max_lifetime_hours * 60
    ORDER BY candidate.time_in_state_minutes DESC
    LIMIT p_batch_size;
END;
$stale_tasks$;

-- §6.9: the staleness sweep. A dry run only reports ('would_transition_to_dlq_and_error', nothing written). A
-- real run opens a DLQ entry (reason staleness_timeout) and then, whatever that gave, moves the task to error;
-- action_taken says which of the two succeeded. Minutes are rounded to integer here.
CREATE OR REPLACE FUNCTION detect_and_transition_stale_tasks(
    p_dry_run boolean DEFAULT true,
    p_batch_size integer DEFAULT 100,
    p_default_waiting_deps_threshold integer DEFAULT 60,
    p_default_waiting_retry_threshold integer DEFAULT 30,
    p_default_steps_in_process_threshold integer DEFAULT 30,
    p_default_task_max_lifetime_hours integer DEFAULT 24
)
RETURNS TABLE (
    task_uuid uuid,
    namespace_name varchar,
    task_name varchar,
    current_state varchar,
    time_in_state_minutes integer,
    staleness_threshold_minutes integer,
    action_taken varchar,
    moved_to_dlq boolean,
    transition_success boolean
)
LANGUAGE plpgsql
AS $sweep$
DECLARE
    v_stale record;
    v_entry uuid;
    v_transitioned boolean;
BEGIN
    -- the candidates are read once, before any of them is changed
    FOR v_stale IN
        SELECT * FROM get_stale_tasks_for_dlq(p_default_waiting_deps_threshold, p_default_waiting_retry_threshold,
                                              p_default_steps_in_process_threshold,
                                              p_default_task_max_lifetime_hours, p_batch_size)
    LOOP
        task_uuid := v_stale.task_uuid;
        namespace_name := v_stale.namespace_name;
        task_name := v_stale.task_name;
        current_state := v_stale.current_state;
        time_in_state_minutes := v_stale.time_in_state_minutes::integer;
        staleness_threshold_minutes := v_stale.threshold_minutes;

        IF p_dry_run THEN
            action_taken := 'would_transition_to_dlq_and_error';
            moved_to_dlq := false;
            transition_success := false;
        ELSE
            v_entry := create_dlq_entry(v_stale.task_uuid, v_stale.namespace_name, v_stale.task_name,
                                        v_stale.current_state, v_stale.time_in_state_minutes::integer,
                                        v_stale.threshold_minutes, 'staleness_timeout');
            v_transitioned := COALESCE(transition_stale_task_to_error(v_stale.task_uuid, v_stale.current_state,
                                                                      v_stale.namespace_name, v_stale.task_name),
                                       false);
            moved_to_dlq := v_entry IS NOT NULL;
            transition_success := v_transitioned;
            action_taken := CASE
                WHEN moved_to_dlq AND v_transitioned THEN 'transitioned_to_dlq_and_error'
                WHEN moved_to_dlq THEN 'moved_to_dlq_only'
                WHEN v_transitioned THEN 'transitioned_to_error_only'
                ELSE 'transition_failed'
            END;
        END IF;

        RETURN NEXT;
    END LOOP;
END;
$sweep$;

-- §6.14 (project addition, deviation D2): true when this database holds a usable pgmq: schema pgmq with its
-- queue registry pgmq.meta and pgmq.metrics(text). Catalog lookups only, so it never raises: not when pgmq is
-- missing or lives in another database, and not when this role may not use the schema (to_regclass and
-- to_regprocedure raise "permission denied for schema", so schema USAGE is checked first). Tasker-side SQL
-- that wants pgmq data guards it with this and reaches pgmq through EXECUTE; the DAOs do not depend on it.
CREATE OR REPLACE FUNCTION pgmq_available()
RETURNS boolean
LANGUAGE plpgsql
STABLE
AS $pgmq_available$
DECLARE
    v_schema oid;
    v_metrics regprocedure;
BEGIN
    SELECT n.oid INTO v_schema FROM pg_catalog.pg_namespace n WHERE n.nspname = 'pgmq';
    IF v_schema IS NULL OR NOT pg_catalog.has_schema_privilege(v_schema, 'USAGE') THEN
        RETURN false;
    END IF;

    v_metrics := pg_catalog.to_regprocedure('pgmq.metrics(text)');
    RETURN pg_catalog.to_regclass('pgmq.meta') IS NOT NULL
       AND v_metrics IS NOT NULL
       AND pg_catalog.has_function_privilege(v_metrics, 'EXECUTE');
END;
$pgmq_available$;

-- The seed document's queue-statistics fallback (TAS-78, "after (with fallback)"): the length of a pgmq queue
-- when pgmq lives in this database, else 0, so that tasker-side SQL such as a DLQ dashboard never fails in split
-- mode. pgmq is reached through EXECUTE only: a static pgmq.metrics() call would fail to plan where pgmq is absent.
-- It never raises for a queue it cannot measure, which counts 0: a queue that does not exist (yet), a name pgmq
-- rejects ($, ;, -- or ', pgmq's own RAISE), and a queue this role may not read although pgmq_available() is true
-- (that only checks the registry and EXECUTE on pgmq.metrics). Real depths in split mode come from the PGMQ database.
CREATE OR REPLACE FUNCTION pgmq_queue_length(queue_name text)
RETURNS bigint
LANGUAGE plpgsql
STABLE
AS $queue_length$
DECLARE
    v_length bigint;
BEGIN
    IF queue_name IS NULL OR NOT pgmq_available() THEN
        RETURN 0;
    END IF;
    BEGIN
        EXECUTE 'SELECT queue_length FROM pgmq.metrics($1)' INTO v_length USING queue_name;
    EXCEPTION WHEN undefined_table OR insufficient_privilege OR raise_exception THEN
        v_length := NULL;
    END;
    RETURN COALESCE(v_length, 0);
END;
$queue_length$;

-- Upstream's closing check: the enums, the table, the five DLQ functions and the four views exist.
DO $verify_dlq$
DECLARE
    v_name text;
BEGIN
    FOREACH v_name IN ARRAY ARRAY['dlq_resolution_status', 'dlq_reason'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = v_name AND typtype = 'e') THEN
            RAISE EXCEPTION 'DLQ migration: enum % was not created', v_name;
        END IF;
    END LOOP;

    FOREACH v_name IN ARRAY ARRAY['tasker_tasks_dlq'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = v_name) THEN
            RAISE EXCEPTION 'DLQ migration: table % was not created', v_name;
        END IF;
    END LOOP;

    FOREACH v_name IN ARRAY ARRAY['calculate_staleness_threshold', 'create_dlq_entry',
                                  'transition_stale_task_to_error', 'get_stale_tasks_for_dlq',
                                  'detect_and_transition_stale_tasks'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = v_name) THEN
            RAISE EXCEPTION 'DLQ migration: function % was not created', v_name;
        END IF;
    END LOOP;

    FOREACH v_name IN ARRAY ARRAY['v_task_state_analysis', 'v_task_staleness_monitoring',
                                  'v_dlq_investigation_queue', 'v_dlq_dashboard'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_views WHERE viewname = v_name) THEN
            RAISE EXCEPTION 'DLQ migration: view % was not created', v_name;
        END IF;
    END LOOP;

    RAISE NOTICE 'DLQ system in place: 2 enums, tasker_tasks_dlq, 5 DLQ functions, 4 views';
END;
$verify_dlq$;

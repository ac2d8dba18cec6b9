-- Upstream 20250810140000_uuid_v7_initial_schema (tasker copy: the pgmq extension and the headers support
-- live in the pgmq set, V20250810140001__pgmq_extensions).
-- uuid_generate_v7(), the 13 base tables, their indexes and constraints, the DAG view and the functions first
-- defined here. Functions that upstream redefined later are written here in their final form, together with the
-- support functions that final form calls; the later files say what they would have changed.

-- ====================================================================================================
-- uuid_generate_v7()
-- ====================================================================================================
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

-- ====================================================================================================
-- Tables, keys, indexes, views
-- ====================================================================================================
-- The 13 base tables in their initial form (tasker-schema.md §2.1–§2.13). Later files add tasker_tasks'
-- correlation ids (20251007), task-transition processor_uuid / transition_metadata (20250912) and
-- tasker_workflow_steps.checkpoint (20260102). Audit timestamps have no default: the application supplies NOW()
-- (§0.3). Foreign keys are all NO ACTION.

-- Sequences of the three integer keys, spelled exactly as upstream (the object-map one is truncated, §2.11).
CREATE SEQUENCE IF NOT EXISTS tasker_annotation_types_annotation_type_id_seq AS integer;
CREATE SEQUENCE IF NOT EXISTS tasker_dependent_system_objec_dependent_system_object_map_i_seq AS bigint;
CREATE SEQUENCE IF NOT EXISTS tasker_task_annotations_task_annotation_id_seq AS bigint;

CREATE TABLE IF NOT EXISTS tasker_task_namespaces (
    task_namespace_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    name character varying(64) NOT NULL,
    description character varying(255),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_task_namespaces_pkey PRIMARY KEY (task_namespace_uuid),
    -- Q1 kept: the DDL-TAIL adds the same key again as tasker_task_namespaces_name_unique.
    CONSTRAINT tasker_task_namespaces_name_key UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS tasker_dependent_systems (
    dependent_system_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    name character varying(64) NOT NULL,
    description character varying(255),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_dependent_systems_pkey PRIMARY KEY (dependent_system_uuid),
    CONSTRAINT tasker_dependent_systems_name_key UNIQUE (name)  -- Q1 kept (see tasker_task_namespaces)
);

CREATE TABLE IF NOT EXISTS tasker_named_tasks (
    named_task_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    task_namespace_uuid uuid NOT NULL,
    name character varying(64) NOT NULL,
    description character varying(255),
    version character varying(16) NOT NULL DEFAULT '0.1.0',
    configuration jsonb DEFAULT '{}'::jsonb,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_named_tasks_pkey PRIMARY KEY (named_task_uuid),
    CONSTRAINT tasker_named_tasks_namespace_name_version_unique UNIQUE (task_namespace_uuid, name, version),
    CONSTRAINT tasker_named_tasks_task_namespace_uuid_fkey FOREIGN KEY (task_namespace_uuid)
        REFERENCES tasker_task_namespaces (task_namespace_uuid)
);

CREATE TABLE IF NOT EXISTS tasker_named_steps (
    named_step_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    dependent_system_uuid uuid NOT NULL,
    name character varying(128) NOT NULL,
    description character varying(255),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_named_steps_pkey PRIMARY KEY (named_step_uuid),
    CONSTRAINT tasker_named_steps_system_name_unique UNIQUE (dependent_system_uuid, name),
    CONSTRAINT tasker_named_steps_dependent_system_uuid_fkey FOREIGN KEY (dependent_system_uuid)
        REFERENCES tasker_dependent_systems (dependent_system_uuid)
);

-- requested_at / completed_at are plain timestamp (no precision), bypass_steps is json, not jsonb (Q11 kept).
CREATE TABLE IF NOT EXISTS tasker_tasks (
    task_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    named_task_uuid uuid NOT NULL,
    complete boolean NOT NULL DEFAULT false,
    requested_at timestamp without time zone NOT NULL,
    completed_at timestamp without time zone,
    initiator character varying(128),
    source_system character varying(128),
    reason character varying(128),
    bypass_steps json,
    tags jsonb,
    context jsonb,
    identity_hash character varying(128) NOT NULL,  -- not unique: a plain index only
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    priority integer NOT NULL DEFAULT 0,
    CONSTRAINT tasker_tasks_pkey PRIMARY KEY (task_uuid),
    CONSTRAINT tasker_tasks_named_task_uuid_fkey FOREIGN KEY (named_task_uuid)
        REFERENCES tasker_named_tasks (named_task_uuid)
);

-- attempts is nullable without default, max_attempts nullable with default 3 (Q11 kept).
CREATE TABLE IF NOT EXISTS tasker_workflow_steps (
    workflow_step_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    task_uuid uuid NOT NULL,
    named_step_uuid uuid NOT NULL,
    retryable boolean NOT NULL DEFAULT true,
    max_attempts integer DEFAULT 3,
    in_process boolean NOT NULL DEFAULT false,
    processed boolean NOT NULL DEFAULT false,
    processed_at timestamp without time zone,
    attempts integer,
    last_attempted_at timestamp without time zone,
    backoff_request_seconds integer,
    inputs jsonb,
    results jsonb,
    skippable boolean NOT NULL DEFAULT false,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    priority integer NOT NULL DEFAULT 0,
    CONSTRAINT tasker_workflow_steps_pkey PRIMARY KEY (workflow_step_uuid),
    CONSTRAINT tasker_workflow_steps_task_uuid_fkey FOREIGN KEY (task_uuid) REFERENCES tasker_tasks (task_uuid),
    CONSTRAINT tasker_workflow_steps_named_step_uuid_fkey FOREIGN KEY (named_step_uuid)
        REFERENCES tasker_named_steps (named_step_uuid)
);

-- The state CHECKs are added by the DDL-TAIL of this file (initial lists), then widened by 20250912.
CREATE TABLE IF NOT EXISTS tasker_task_transitions (
    task_transition_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    task_uuid uuid NOT NULL,
    to_state character varying NOT NULL,
    from_state character varying,
    metadata jsonb DEFAULT '{}'::jsonb,
    sort_key integer NOT NULL,
    most_recent boolean NOT NULL DEFAULT false,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_task_transitions_pkey PRIMARY KEY (task_transition_uuid),
    CONSTRAINT tasker_task_transitions_task_uuid_fkey FOREIGN KEY (task_uuid) REFERENCES tasker_tasks (task_uuid)
);

-- The state CHECKs are added by the DDL-TAIL of this file (initial lists), then widened by 20250927.
CREATE TABLE IF NOT EXISTS tasker_workflow_step_transitions (
    workflow_step_transition_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    workflow_step_uuid uuid NOT NULL,
    to_state character varying NOT NULL,
    from_state character varying,
    metadata jsonb DEFAULT '{}'::jsonb,
    sort_key integer NOT NULL,
    most_recent boolean NOT NULL DEFAULT false,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_workflow_step_transitions_pkey PRIMARY KEY (workflow_step_transition_uuid),
    CONSTRAINT tasker_workflow_step_transitions_workflow_step_uuid_fkey FOREIGN KEY (workflow_step_uuid)
        REFERENCES tasker_workflow_steps (workflow_step_uuid)
);

-- No cycle check in the database: the application checks before inserting an edge (§2.9). The unique key on
-- (from, to, name) comes with 20251118.
CREATE TABLE IF NOT EXISTS tasker_workflow_step_edges (
    workflow_step_edge_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    from_step_uuid uuid NOT NULL,
    to_step_uuid uuid NOT NULL,
    name character varying NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_workflow_step_edges_pkey PRIMARY KEY (workflow_step_edge_uuid),
    CONSTRAINT tasker_workflow_step_edges_from_step_uuid_fkey FOREIGN KEY (from_step_uuid)
        REFERENCES tasker_workflow_steps (workflow_step_uuid),
    CONSTRAINT tasker_workflow_step_edges_to_step_uuid_fkey FOREIGN KEY (to_step_uuid)
        REFERENCES tasker_workflow_steps (workflow_step_uuid)
);

CREATE TABLE IF NOT EXISTS tasker_named_tasks_named_steps (
    ntns_uuid uuid NOT NULL DEFAULT uuid_generate_v7(),
    named_task_uuid uuid NOT NULL,
    named_step_uuid uuid NOT NULL,
    skippable boolean NOT NULL DEFAULT false,
    default_retryable boolean NOT NULL DEFAULT true,
    default_max_attempts integer NOT NULL DEFAULT 3,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_named_tasks_named_steps_pkey PRIMARY KEY (ntns_uuid),
    CONSTRAINT tasker_named_tasks_named_steps_unique UNIQUE (named_task_uuid, named_step_uuid),
    CONSTRAINT tasker_named_tasks_named_steps_named_task_uuid_fkey FOREIGN KEY (named_task_uuid)
        REFERENCES tasker_named_tasks (named_task_uuid),
    CONSTRAINT tasker_named_tasks_named_steps_named_step_uuid_fkey FOREIGN KEY (named_step_uuid)
        REFERENCES tasker_named_steps (named_step_uuid)
);

-- The two FK names are upstream's explicit <table>_<column>_fkey names as PostgreSQL cuts them to 63
-- characters (§0.3, §2.11); they are written here already cut.
CREATE TABLE IF NOT EXISTS tasker_dependent_system_object_maps (
    dependent_system_object_map_id bigint NOT NULL
        DEFAULT nextval('tasker_dependent_system_objec_dependent_system_object_map_i_seq'::regclass),
    dependent_system_one_uuid uuid NOT NULL,
    dependent_system_two_uuid uuid NOT NULL,
    remote_id_one character varying(128) NOT NULL,
    remote_id_two character varying(128) NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_dependent_system_object_maps_pkey PRIMARY KEY (dependent_system_object_map_id),
    CONSTRAINT tasker_dependent_system_object_maps_dependent_system_one_uuid_f FOREIGN KEY (dependent_system_one_uuid)
        REFERENCES tasker_dependent_systems (dependent_system_uuid),
    CONSTRAINT tasker_dependent_system_object_maps_dependent_system_two_uuid_f FOREIGN KEY (dependent_system_two_uuid)
        REFERENCES tasker_dependent_systems (dependent_system_uuid)
);

CREATE TABLE IF NOT EXISTS tasker_annotation_types (
    annotation_type_id integer NOT NULL DEFAULT nextval('tasker_annotation_types_annotation_type_id_seq'::regclass),
    name character varying(64) NOT NULL,
    description character varying(255),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_annotation_types_pkey PRIMARY KEY (annotation_type_id),
    CONSTRAINT tasker_annotation_types_name_key UNIQUE (name)  -- Q1 kept (see tasker_task_namespaces)
);

CREATE TABLE IF NOT EXISTS tasker_task_annotations (
    task_annotation_id bigint NOT NULL DEFAULT nextval('tasker_task_annotations_task_annotation_id_seq'::regclass),
    task_uuid uuid NOT NULL,
    annotation_type_id integer NOT NULL,
    annotation jsonb,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT tasker_task_annotations_pkey PRIMARY KEY (task_annotation_id),
    CONSTRAINT tasker_task_annotations_task_uuid_fkey FOREIGN KEY (task_uuid) REFERENCES tasker_tasks (task_uuid),
    CONSTRAINT tasker_task_annotations_annotation_type_id_fkey FOREIGN KEY (annotation_type_id)
        REFERENCES tasker_annotation_types (annotation_type_id)
);

ALTER SEQUENCE tasker_annotation_types_annotation_type_id_seq
    OWNED BY tasker_annotation_types.annotation_type_id;
ALTER SEQUENCE tasker_dependent_system_objec_dependent_system_object_map_i_seq
    OWNED BY tasker_dependent_system_object_maps.dependent_system_object_map_id;
ALTER SEQUENCE tasker_task_annotations_task_annotation_id_seq
    OWNED BY tasker_task_annotations.task_annotation_id;

-- Indexes of the initial schema. All btree unless said otherwise. Partial predicates on most_recent are written
-- `most_recent = true`: the bare `WHERE most_recent` is stored differently (§2.7).
CREATE INDEX IF NOT EXISTS idx_tasker_task_namespaces_name ON tasker_task_namespaces (name);
CREATE INDEX IF NOT EXISTS idx_tasker_dependent_systems_name ON tasker_dependent_systems (name);
CREATE INDEX IF NOT EXISTS idx_tasker_named_tasks_namespace_uuid ON tasker_named_tasks (task_namespace_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_named_steps_system_uuid ON tasker_named_steps (dependent_system_uuid);

CREATE INDEX IF NOT EXISTS idx_tasker_tasks_requested_at ON tasker_tasks (requested_at);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_completed_at ON tasker_tasks (completed_at);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_complete ON tasker_tasks (complete);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_priority ON tasker_tasks (priority);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_source_system ON tasker_tasks (source_system);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_identity_hash ON tasker_tasks (identity_hash);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_named_task_uuid ON tasker_tasks (named_task_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_tags_gin ON tasker_tasks USING gin (tags);
CREATE INDEX IF NOT EXISTS idx_tasker_tasks_tags_gin_path ON tasker_tasks USING gin (tags jsonb_path_ops);
CREATE INDEX IF NOT EXISTS idx_tasks_uuid_temporal ON tasker_tasks (task_uuid, created_at);
CREATE INDEX IF NOT EXISTS idx_tasks_active_with_priority_covering ON tasker_tasks (complete, priority, task_uuid)
    INCLUDE (named_task_uuid, requested_at) WHERE complete = false;

CREATE INDEX IF NOT EXISTS idx_tasker_workflow_steps_task_uuid ON tasker_workflow_steps (task_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_workflow_steps_named_step_uuid ON tasker_workflow_steps (named_step_uuid);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_active_operations ON tasker_workflow_steps (workflow_step_uuid, task_uuid)
    WHERE processed = false OR processed IS NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_steps_task_grouping_active ON tasker_workflow_steps (task_uuid, workflow_step_uuid)
    WHERE processed = false OR processed IS NULL;
CREATE INDEX IF NOT EXISTS idx_workflow_steps_task_readiness
    ON tasker_workflow_steps (task_uuid, processed, workflow_step_uuid) WHERE processed = false;
CREATE INDEX IF NOT EXISTS idx_workflow_steps_processing_status ON tasker_workflow_steps (task_uuid, processed, in_process);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_retry_logic ON tasker_workflow_steps (attempts, max_attempts, retryable);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_retry_status ON tasker_workflow_steps (attempts, max_attempts);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_task_covering ON tasker_workflow_steps (task_uuid)
    INCLUDE (workflow_step_uuid, processed, in_process, attempts, max_attempts);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_processed_at ON tasker_workflow_steps (processed_at);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_transitive_deps ON tasker_workflow_steps (workflow_step_uuid, named_step_uuid)
    INCLUDE (task_uuid, processed);
-- No `results` in the INCLUDE list (upstream's 2025-12-17 edit, §2.6).
CREATE INDEX IF NOT EXISTS idx_workflow_steps_ready_covering ON tasker_workflow_steps (task_uuid, processed, in_process)
    INCLUDE (workflow_step_uuid, attempts, max_attempts, retryable) WHERE processed = false;

CREATE INDEX IF NOT EXISTS idx_tasker_task_transitions_task_uuid ON tasker_task_transitions (task_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_task_transitions_most_recent ON tasker_task_transitions (most_recent)
    WHERE most_recent = true;
-- The only database-level guard against two concurrent writers both creating a current transition (§2.7).
CREATE UNIQUE INDEX IF NOT EXISTS idx_task_transitions_uuid_most_recent ON tasker_task_transitions (task_uuid, most_recent)
    WHERE most_recent = true;
CREATE INDEX IF NOT EXISTS idx_task_transitions_uuid_sort_key ON tasker_task_transitions (task_uuid, sort_key);
CREATE INDEX IF NOT EXISTS idx_task_transitions_uuid_temporal ON tasker_task_transitions (task_transition_uuid, created_at);
CREATE INDEX IF NOT EXISTS idx_task_transitions_state_lookup ON tasker_task_transitions (task_uuid, to_state, most_recent)
    WHERE most_recent = true;

CREATE INDEX IF NOT EXISTS idx_tasker_workflow_step_transitions_step_uuid
    ON tasker_workflow_step_transitions (workflow_step_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_workflow_step_transitions_most_recent
    ON tasker_workflow_step_transitions (most_recent) WHERE most_recent = true;
CREATE UNIQUE INDEX IF NOT EXISTS idx_workflow_step_transitions_uuid_most_recent
    ON tasker_workflow_step_transitions (workflow_step_uuid, most_recent) WHERE most_recent = true;
CREATE INDEX IF NOT EXISTS idx_workflow_step_transitions_uuid_sort_key
    ON tasker_workflow_step_transitions (workflow_step_uuid, sort_key);
CREATE INDEX IF NOT EXISTS idx_workflow_step_transitions_uuid_temporal
    ON tasker_workflow_step_transitions (workflow_step_transition_uuid, created_at);
CREATE INDEX IF NOT EXISTS idx_workflow_step_transitions_state_lookup
    ON tasker_workflow_step_transitions (workflow_step_uuid, to_state, most_recent) WHERE most_recent = true;

CREATE INDEX IF NOT EXISTS idx_tasker_workflow_step_edges_from_step ON tasker_workflow_step_edges (from_step_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_workflow_step_edges_to_step ON tasker_workflow_step_edges (to_step_uuid);

CREATE INDEX IF NOT EXISTS idx_tasker_task_annotations_task_uuid ON tasker_task_annotations (task_uuid);
CREATE INDEX IF NOT EXISTS idx_tasker_task_annotations_type_id ON tasker_task_annotations (annotation_type_id);

-- tasker_step_dag_relationships (§4.1): one row per step of every task. The recursive part runs over the whole
-- steps table (a caller's WHERE task_uuid = ... does not restrict it); roots are steps without an incoming
-- edge, at depth 0; depth < 50 bounds the recursion on cyclic data, and the view keeps MIN(depth). A step that no
-- root reaches (only through a cycle) gets NULL. Parent/child arrays are sorted by uuid, '[]' when empty.
CREATE OR REPLACE VIEW tasker_step_dag_relationships AS
WITH RECURSIVE step_depths AS (
    SELECT ws.workflow_step_uuid, 0 AS depth_from_root
    FROM tasker_workflow_steps ws
    WHERE NOT EXISTS (
        SELECT 1 FROM tasker_workflow_step_edges e WHERE e.to_step_uuid = ws.workflow_step_uuid
    )
    UNION ALL
    SELECT e.to_step_uuid, sd.depth_from_root + 1
    FROM step_depths sd
    JOIN tasker_workflow_step_edges e ON e.from_step_uuid = sd.workflow_step_uuid
    WHERE sd.depth_from_root < 50
)
SELECT
    ws.workflow_step_uuid,
    ws.task_uuid,
    ws.named_step_uuid,
    COALESCE(parents.step_uuids, '[]'::jsonb) AS parent_step_uuids,
    COALESCE(children.step_uuids, '[]'::jsonb) AS child_step_uuids,
    COALESCE(parents.edge_count, 0) AS parent_count,
    COALESCE(children.edge_count, 0) AS child_count,
    COALESCE(parents.edge_count, 0) = 0 AS is_root_step,
    COALESCE(children.edge_count, 0) = 0 AS is_leaf_step,
    depths.min_depth AS min_depth_from_root
FROM tasker_workflow_steps ws
LEFT JOIN (
    SELECT e.to_step_uuid AS step_uuid,
           jsonb_agg(e.from_step_uuid ORDER BY e.from_step_uuid) AS step_uuids,
           count(*) AS edge_count
    FROM tasker_workflow_step_edges e
    GROUP BY e.to_step_uuid
) parents ON parents.step_uuid = ws.workflow_step_uuid
LEFT JOIN (
    SELECT e.from_step_uuid AS step_uuid,
           jsonb_agg(e.to_step_uuid ORDER BY e.to_step_uuid) AS step_uuids,
           count(*) AS edge_count
    FROM tasker_workflow_step_edges e
    GROUP BY e.from_step_uuid
) children ON children.step_uuid = ws.workflow_step_uuid
LEFT JOIN (
    SELECT sd.workflow_step_uuid, MIN(sd.depth_from_root) AS min_depth
    FROM step_depths sd
    GROUP BY sd.workflow_step_uuid
) depths ON depths.workflow_step_uuid = ws.workflow_step_uuid;

-- ====================================================================================================
-- Functions: step readiness, execution context, DAG, task claiming and task state
-- ====================================================================================================
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
       AND dependencies_satisfied
       AND retry_eligible
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
-- As upstream, the step counts come from get_step_readiness_status applied through unnest(input_task_uuids) with a
-- CROSS JOIN LATERAL, so a uuid listed twice has its steps counted twice (statuses and percentage are unchanged).
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
        SELECT listed.id,
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
        FROM unnest(input_task_uuids) AS listed (id)
        CROSS JOIN LATERAL get_step_readiness_status(listed.id) r
        GROUP BY listed.id
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

-- ====================================================================================================
-- Functions: analytics, system health and the task-state compare-and-set
-- ====================================================================================================
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

-- ====================================================================================================
-- Constraints added when missing (upstream's SECTION 5) and the transition state CHECKs
-- ====================================================================================================
-- "SECTION 5" of upstream's initial schema: add the name and composite unique constraints when missing. The
-- composite ones already exist from the table definitions (no-op); the *_name_unique ones duplicate the
-- *_name_key constraints of the table definitions (Q1 kept, §2.1).
DO $section5$
DECLARE
    wanted record;
BEGIN
    FOR wanted IN
        SELECT * FROM (VALUES
            ('tasker_task_namespaces', 'tasker_task_namespaces_name_unique', 'UNIQUE (name)'),
            ('tasker_dependent_systems', 'tasker_dependent_systems_name_unique', 'UNIQUE (name)'),
            ('tasker_annotation_types', 'tasker_annotation_types_name_unique', 'UNIQUE (name)'),
            ('tasker_named_tasks', 'tasker_named_tasks_namespace_name_version_unique',
                'UNIQUE (task_namespace_uuid, name, version)'),
            ('tasker_named_steps', 'tasker_named_steps_system_name_unique', 'UNIQUE (dependent_system_uuid, name)'),
            ('tasker_named_tasks_named_steps', 'tasker_named_tasks_named_steps_unique',
                'UNIQUE (named_task_uuid, named_step_uuid)')
        ) AS w (table_name, constraint_name, definition)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint
            WHERE conname = wanted.constraint_name
              AND conrelid = to_regclass('public.' || wanted.table_name)
        ) THEN
            EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s',
                           wanted.table_name, wanted.constraint_name, wanted.definition);
        END IF;
    END LOOP;
END
$section5$;

-- Transition state vocabularies in their INITIAL form: 6 task states, 9 step states (§2.7, §2.8). 20250912 and
-- 20250927 replace them with the final 12 and 10.
DO $task_states$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'chk_task_transitions_to_state'
                   AND conrelid = 'public.tasker_task_transitions'::regclass) THEN
        ALTER TABLE tasker_task_transitions ADD CONSTRAINT chk_task_transitions_to_state
            CHECK (to_state IN ('pending', 'in_progress', 'complete', 'error', 'cancelled', 'resolved_manually'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'chk_task_transitions_from_state'
                   AND conrelid = 'public.tasker_task_transitions'::regclass) THEN
        ALTER TABLE tasker_task_transitions ADD CONSTRAINT chk_task_transitions_from_state
            CHECK (from_state IS NULL
                   OR from_state IN ('pending', 'in_progress', 'complete', 'error', 'cancelled', 'resolved_manually'));
    END IF;
END
$task_states$;

DO $step_states$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'chk_workflow_step_transitions_to_state'
                   AND conrelid = 'public.tasker_workflow_step_transitions'::regclass) THEN
        ALTER TABLE tasker_workflow_step_transitions ADD CONSTRAINT chk_workflow_step_transitions_to_state
            CHECK (to_state IN ('pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
                                'enqueued_as_error_for_orchestration', 'complete', 'error', 'cancelled',
                                'resolved_manually'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'chk_workflow_step_transitions_from_state'
                   AND conrelid = 'public.tasker_workflow_step_transitions'::regclass) THEN
        ALTER TABLE tasker_workflow_step_transitions ADD CONSTRAINT chk_workflow_step_transitions_from_state
            CHECK (from_state IS NULL
                   OR from_state IN ('pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
                                     'enqueued_as_error_for_orchestration', 'complete', 'error', 'cancelled',
                                     'resolved_manually'));
    END IF;
END
$step_states$;

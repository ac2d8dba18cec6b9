-- Upstream 20251203000000_add_step_result_audit: tasker_workflow_step_result_audit, the audit trigger on
-- step transitions and a backfill from existing transitions.

-- ====================================================================================================
-- Step result audit
-- ====================================================================================================
-- §2.15: one lightweight row per worker result (a step transition into enqueued_for_orchestration or
-- enqueued_as_error_for_orchestration): references, attribution and two scalars; the full result stays in the
-- transition's metadata. The FKs are declared inline without names so that PostgreSQL names them as upstream's
-- catalog shows (tasker_workflow_step_result_a_workflow_step_transition_uui_fkey for the long one).
CREATE TABLE IF NOT EXISTS tasker_workflow_step_result_audit (
    workflow_step_result_audit_uuid uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
    workflow_step_uuid uuid NOT NULL REFERENCES tasker_workflow_steps (workflow_step_uuid),
    workflow_step_transition_uuid uuid NOT NULL
        REFERENCES tasker_workflow_step_transitions (workflow_step_transition_uuid),
    task_uuid uuid NOT NULL REFERENCES tasker_tasks (task_uuid),
    recorded_at timestamp(6) without time zone NOT NULL DEFAULT now(),
    worker_uuid uuid,
    correlation_id uuid,
    success boolean NOT NULL,
    execution_time_ms bigint,
    created_at timestamp(6) without time zone NOT NULL DEFAULT now(),
    updated_at timestamp(6) without time zone NOT NULL DEFAULT now(),
    CONSTRAINT uq_audit_step_transition UNIQUE (workflow_step_uuid, workflow_step_transition_uuid)
);

CREATE INDEX IF NOT EXISTS idx_audit_step_uuid ON tasker_workflow_step_result_audit (workflow_step_uuid);
CREATE INDEX IF NOT EXISTS idx_audit_task_uuid ON tasker_workflow_step_result_audit (task_uuid);
CREATE INDEX IF NOT EXISTS idx_audit_recorded_at ON tasker_workflow_step_result_audit (recorded_at);
CREATE INDEX IF NOT EXISTS idx_audit_worker_uuid ON tasker_workflow_step_result_audit (worker_uuid)
    WHERE worker_uuid IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_audit_correlation_id ON tasker_workflow_step_result_audit (correlation_id)
    WHERE correlation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_audit_success ON tasker_workflow_step_result_audit (success);

-- §5.2: AFTER INSERT on step transitions; acts only on the two worker-result states. The transition metadata
-- has the shape of §7.3: worker_uuid and correlation_id at the top, and 'event' holding a JSON *string* whose
-- text is itself JSON, from which success and metadata.execution_time_ms are read. A value that does not cast
-- is swallowed (the field stays NULL) so the transition insert never fails because of the audit. As upstream,
-- the event is read in one guarded block: if any part of it fails to parse or cast, both event fields are NULL.
-- Without a success flag, success falls back to the state (the error state counts as a failure).
CREATE OR REPLACE FUNCTION create_step_result_audit()
RETURNS trigger
LANGUAGE plpgsql
AS $audit$
DECLARE
    v_task_uuid uuid;
    v_worker_uuid uuid;
    v_correlation_id uuid;
    v_event jsonb;
    v_success boolean;
    v_execution_time_ms bigint;
BEGIN
    IF NEW.to_state NOT IN ('enqueued_for_orchestration', 'enqueued_as_error_for_orchestration') THEN
        RETURN NEW;
    END IF;

    SELECT ws.task_uuid INTO v_task_uuid
    FROM tasker_workflow_steps ws
    WHERE ws.workflow_step_uuid = NEW.workflow_step_uuid;

    BEGIN
        v_worker_uuid := (NEW.metadata ->> 'worker_uuid')::uuid;
    EXCEPTION WHEN OTHERS THEN
        v_worker_uuid := NULL;
    END;

    BEGIN
        v_correlation_id := (NEW.metadata ->> 'correlation_id')::uuid;
    EXCEPTION WHEN OTHERS THEN
        v_correlation_id := NULL;
    END;

    BEGIN
        v_event := (NEW.metadata ->> 'event')::jsonb;
        v_success := (v_event ->> 'success')::boolean;
        v_execution_time_ms := (v_event -> 'metadata' ->> 'execution_time_ms')::bigint;
    EXCEPTION WHEN OTHERS THEN
        v_success := NULL;
        v_execution_time_ms := NULL;
    END;

    INSERT INTO tasker_workflow_step_result_audit (workflow_step_uuid, workflow_step_transition_uuid, task_uuid,
                                                   worker_uuid, correlation_id, success, execution_time_ms)
    VALUES (NEW.workflow_step_uuid, NEW.workflow_step_transition_uuid, v_task_uuid, v_worker_uuid,
            v_correlation_id, COALESCE(v_success, NEW.to_state = 'enqueued_for_orchestration'),
            v_execution_time_ms);

    RETURN NEW;
END;
$audit$;

DROP TRIGGER IF EXISTS trg_step_result_audit ON tasker_workflow_step_transitions;

CREATE TRIGGER trg_step_result_audit
    AFTER INSERT ON tasker_workflow_step_transitions
    FOR EACH ROW
    EXECUTE FUNCTION create_step_result_audit();

-- Backfill for worker results recorded before the trigger existed, ON CONFLICT DO NOTHING as upstream. As in
-- upstream's backfill, success comes from the state alone; attribution and execution_time_ms are read from the
-- metadata. Each value is cast in its own guarded block so that one malformed historical row cannot stop the
-- migration (a row-by-row loop, because plain SQL casts cannot be made to swallow errors).
DO $backfill$
DECLARE
    v_row record;
    v_worker_uuid uuid;
    v_correlation_id uuid;
    v_execution_time_ms bigint;
BEGIN
    FOR v_row IN
        SELECT wst.workflow_step_uuid, wst.workflow_step_transition_uuid, ws.task_uuid, wst.to_state,
               wst.metadata
        FROM tasker_workflow_step_transitions wst
        JOIN tasker_workflow_steps ws ON ws.workflow_step_uuid = wst.workflow_step_uuid
        WHERE wst.to_state IN ('enqueued_for_orchestration', 'enqueued_as_error_for_orchestration')
    LOOP
        BEGIN
            v_worker_uuid := (v_row.metadata ->> 'worker_uuid')::uuid;
        EXCEPTION WHEN OTHERS THEN
            v_worker_uuid := NULL;
        END;

        BEGIN
            v_correlation_id := (v_row.metadata ->> 'correlation_id')::uuid;
        EXCEPTION WHEN OTHERS THEN
            v_correlation_id := NULL;
        END;

        BEGIN
            v_execution_time_ms := ((v_row.metadata ->> 'event')::jsonb -> 'metadata' ->> 'execution_time_ms')::bigint;
        EXCEPTION WHEN OTHERS THEN
            v_execution_time_ms := NULL;
        END;

        INSERT INTO tasker_workflow_step_result_audit (workflow_step_uuid, workflow_step_transition_uuid,
                                                       task_uuid, worker_uuid, correlation_id, success,
                                                       execution_time_ms)
        VALUES (v_row.workflow_step_uuid, v_row.workflow_step_transition_uuid, v_row.task_uuid, v_worker_uuid,
                v_correlation_id, v_row.to_state = 'enqueued_for_orchestration', v_execution_time_ms)
        ON CONFLICT (workflow_step_uuid, workflow_step_transition_uuid) DO NOTHING;
    END LOOP;
END;
$backfill$;

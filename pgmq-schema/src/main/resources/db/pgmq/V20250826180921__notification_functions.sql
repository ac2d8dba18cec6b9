-- PGMQ notification wrapper functions (pgmq-api.md A.3; upstream 20250826180921_add_pgmq_notifications).
-- Atomic message send + pg_notify for event-driven processing, and read/delete/extend of one specific message.
-- All functions live in schema public of the PGMQ database; listeners must connect to that database.
--
-- Payloads are json_build_object(...)::text (A.3.5). PostgreSQL refuses NOTIFY payloads of 8000 bytes or more;
-- upstream and the seed cut an oversized payload to 7790 characters + '...}', which is not JSON. Project fix:
-- a payload is always valid JSON. Above 7800 bytes (octet_length, so multibyte names cannot push it past the
-- server's limit) the unbounded fields are dropped and "truncated": true is added; listeners then fall back to
-- a batch read of the queue.

-- ============================================================================
-- NAMESPACE EXTRACTION (A.3.1)
-- ============================================================================

-- First match wins: orchestration*; worker_<ns>_queue; <ns>_queue; otherwise 'default'. Case-sensitive.
-- IMMUTABLE as in the seed (upstream declared nothing, i.e. VOLATILE): the result depends only on the argument.
CREATE OR REPLACE FUNCTION extract_queue_namespace(queue_name TEXT)
RETURNS TEXT AS $$
BEGIN
    IF queue_name ~ '^orchestration' THEN
        RETURN 'orchestration';
    END IF;

    -- 'worker_queue' does not match here (needs worker_ + something + _queue) and falls to the next rule.
    IF queue_name ~ '^worker_.*_queue$' THEN
        RETURN COALESCE(
            (regexp_match(queue_name, '^worker_(.+?)_queue$'))[1],
            'worker'
        );
    END IF;

    IF queue_name ~ '^[a-zA-Z][a-zA-Z0-9_]*_queue$' THEN
        RETURN COALESCE(
            (regexp_match(queue_name, '^([a-zA-Z][a-zA-Z0-9_]*)_queue$'))[1],
            'default'
        );
    END IF;

    RETURN 'default';
END;
$$ LANGUAGE plpgsql IMMUTABLE;

-- ============================================================================
-- QUEUE CREATION NOTIFICATION (A.3.2)
-- ============================================================================

-- Fires for every row really inserted into pgmq.meta: pgmq.create*() and clients that insert themselves
-- (pgmq-rs). pgmq's INSERT ... ON CONFLICT DO NOTHING inserts no row for an existing queue, so re-creating a
-- queue notifies nothing. created_at is the transaction time (in practice equal to meta.created_at).
CREATE OR REPLACE FUNCTION pgmq_notify_queue_created()
RETURNS trigger AS $$
DECLARE
    event_payload TEXT;
    namespace_name TEXT;
BEGIN
    namespace_name := extract_queue_namespace(NEW.queue_name);

    event_payload := json_build_object(
        'event_type', 'queue_created',
        'queue_name', NEW.queue_name,
        'namespace', namespace_name,
        'created_at', NOW()::timestamptz
    )::text;

    -- Only a client inserting an absurdly long name into pgmq.meta by hand gets here (pgmq.create allows 47
    -- characters). The names are the only unbounded fields: drop them rather than fail the queue creation.
    IF octet_length(event_payload) > 7800 THEN
        event_payload := json_build_object(
            'event_type', 'queue_created',
            'created_at', NOW()::timestamptz,
            'truncated', true
        )::text;
    END IF;

    PERFORM pg_notify('pgmq_queue_created', event_payload);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Install the trigger on pgmq.meta, only where that table exists. Existence is read from pg_class, not from
-- information_schema (which hides tables the role has no privilege on, and so would skip the trigger silently
-- when a DBA installed pgmq without granting the migrating role anything on it). Such a role cannot create the
-- trigger: fail with what to grant instead of leaving a database whose queues never announce themselves.
DO $$
DECLARE
    meta_table oid;
BEGIN
    SELECT c.oid INTO meta_table
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'pgmq' AND c.relname = 'meta';

    IF meta_table IS NULL THEN
        RETURN;
    END IF;

    IF NOT has_schema_privilege('pgmq', 'USAGE') OR NOT has_table_privilege(meta_table, 'TRIGGER') THEN
        RAISE EXCEPTION 'role % may not create trigger pgmq_queue_created_trigger on pgmq.meta', current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'pgmq was installed by another role. Install it as the migrating role, or grant that role '
                      || 'USAGE and CREATE on schema pgmq and all privileges on its tables and sequences '
                      || '(TRIGGER on pgmq.meta is what this migration needs).';
    END IF;

    DROP TRIGGER IF EXISTS pgmq_queue_created_trigger ON pgmq.meta;
    CREATE TRIGGER pgmq_queue_created_trigger
        AFTER INSERT ON pgmq.meta
        FOR EACH ROW
        EXECUTE FUNCTION pgmq_notify_queue_created();
END;
$$;

-- ============================================================================
-- ATOMIC SEND WITH NOTIFY (A.3.3)
-- ============================================================================

-- pgmq.send + one notification on 'pgmq_message_ready.<namespace>' and one on the global 'pgmq_message_ready'
-- (the two names always differ, so every send notifies twice with the same payload). NOTIFY is delivered on
-- commit. ready_at is the transaction time; with a delay the message becomes visible delay_seconds later.
CREATE OR REPLACE FUNCTION pgmq_send_with_notify(
    queue_name TEXT,
    message JSONB,
    delay_seconds INTEGER DEFAULT 0
) RETURNS BIGINT AS $$
DECLARE
    msg_id BIGINT;
    namespace_name TEXT;
    event_payload TEXT;
    namespace_channel TEXT;
    global_channel TEXT := 'pgmq_message_ready';
BEGIN
    -- The (text, jsonb, integer) overload, spelled out: pgmq >= 1.5 also has timestamptz and headers overloads.
    msg_id := pgmq.send(queue_name::text, message::jsonb, delay_seconds::integer);

    namespace_name := extract_queue_namespace(queue_name);
    namespace_channel := 'pgmq_message_ready.' || namespace_name;

    event_payload := json_build_object(
        'event_type', 'message_ready',
        'msg_id', msg_id,
        'queue_name', queue_name,
        'namespace', namespace_name,
        'ready_at', NOW()::timestamptz,
        'delay_seconds', delay_seconds
    )::text;

    -- Unreachable for real queue names (a table name has at most 63 bytes); the names are the only unbounded
    -- fields, so they go rather than fail the send.
    IF octet_length(event_payload) > 7800 THEN
        event_payload := json_build_object(
            'event_type', 'message_ready',
            'msg_id', msg_id,
            'ready_at', NOW()::timestamptz,
            'delay_seconds', delay_seconds,
            'truncated', true
        )::text;
    END IF;

    PERFORM pg_notify(namespace_channel, event_payload);

    IF namespace_channel != global_channel THEN
        PERFORM pg_notify(global_channel, event_payload);
    END IF;

    RETURN msg_id;
END;
$$ LANGUAGE plpgsql;

-- ============================================================================
-- BATCH SEND WITH NOTIFY (A.3.4)
-- ============================================================================

-- pgmq.send_batch + one batch_ready notification per channel for the whole batch; returns the ids in the order
-- pgmq.send_batch returned them. Upstream's application never calls it.
CREATE OR REPLACE FUNCTION pgmq_send_batch_with_notify(
    queue_name TEXT,
    messages JSONB[],
    delay_seconds INTEGER DEFAULT 0
) RETURNS SETOF BIGINT AS $$
DECLARE
    msg_id BIGINT;
    msg_ids BIGINT[];
    namespace_name TEXT;
    event_payload TEXT;
    namespace_channel TEXT;
    global_channel TEXT := 'pgmq_message_ready';
BEGIN
    SELECT ARRAY_AGG(sent.msg_id ORDER BY sent.ordinal) INTO msg_ids
    FROM pgmq.send_batch(queue_name::text, messages::jsonb[], delay_seconds::integer)
         WITH ORDINALITY AS sent(msg_id, ordinal);

    -- Nothing sent (an empty array on pgmq versions that accept one): nothing to announce. The seed's FOREACH
    -- would fail on the NULL array here.
    IF msg_ids IS NULL THEN
        RETURN;
    END IF;

    namespace_name := extract_queue_namespace(queue_name);
    namespace_channel := 'pgmq_message_ready.' || namespace_name;

    event_payload := json_build_object(
        'event_type', 'batch_ready',
        'msg_ids', msg_ids,
        'queue_name', queue_name,
        'namespace', namespace_name,
        'message_count', array_length(msg_ids, 1),
        'ready_at', NOW()::timestamptz,
        'delay_seconds', delay_seconds
    )::text;

    -- Project fix (A.3.5): msg_ids is the unbounded field; drop it, keep the rest, mark the payload truncated.
    IF octet_length(event_payload) > 7800 THEN
        event_payload := json_build_object(
            'event_type', 'batch_ready',
            'queue_name', queue_name,
            'namespace', namespace_name,
            'message_count', array_length(msg_ids, 1),
            'ready_at', NOW()::timestamptz,
            'delay_seconds', delay_seconds,
            'truncated', true
        )::text;
    END IF;

    PERFORM pg_notify(namespace_channel, event_payload);

    IF namespace_channel != global_channel THEN
        PERFORM pg_notify(global_channel, event_payload);
    END IF;

    FOREACH msg_id IN ARRAY msg_ids LOOP
        RETURN NEXT msg_id;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

-- ============================================================================
-- SPECIFIC MESSAGE OPERATIONS (A.3.6 - A.3.8)
-- ============================================================================
-- The name is validated against [a-zA-Z0-9_] and then written unquoted as pgmq.q_<name>, so a mixed-case name
-- folds to the lowercase table pgmq created.

-- Claims one message if it is visible: vt = now() + vt_seconds, read_ct + 1; no row when it is invisible
-- (already claimed), deleted or never existed. Kept as upstream: now() (transaction start) instead of
-- clock_timestamp(), no last_read_at, no headers, no SKIP LOCKED (a concurrent caller waits, re-checks vt and
-- gets no row), and the existence check compares the name as passed (a mixed-case name does not exist).
CREATE OR REPLACE FUNCTION pgmq_read_specific_message(
    queue_name text,
    target_msg_id bigint,
    vt_seconds integer DEFAULT 30
) RETURNS TABLE (
    msg_id bigint,
    read_ct integer,
    enqueued_at timestamp with time zone,
    vt timestamp with time zone,
    message jsonb
) AS $$
DECLARE
    queue_table_name text;
    sql_query text;
    result_record record;
BEGIN
    IF queue_name ~ '[^a-zA-Z0-9_]' THEN
        RAISE EXCEPTION 'Invalid queue name: %', queue_name;
    END IF;

    queue_table_name := 'pgmq.q_' || queue_name;

    IF NOT EXISTS (
        SELECT 1 FROM information_schema.tables
        WHERE table_schema = 'pgmq' AND table_name = 'q_' || queue_name
    ) THEN
        RAISE EXCEPTION 'Queue does not exist: %', queue_name;
    END IF;

    sql_query := format('
        UPDATE %s
        SET vt = (now() + interval ''%s seconds''), read_ct = read_ct + 1
        WHERE msg_id = %L AND vt <= now()
        RETURNING msg_id, read_ct, enqueued_at, vt, message
    ', queue_table_name, vt_seconds, target_msg_id);

    FOR result_record IN EXECUTE sql_query LOOP
        RETURN QUERY SELECT
            result_record.msg_id,
            result_record.read_ct,
            result_record.enqueued_at,
            result_record.vt,
            result_record.message;
    END LOOP;

    RETURN;
END;
$$ LANGUAGE plpgsql;

-- As the seed (upstream's version checked the bare name and always raised): no existence check; an unknown
-- queue surfaces as relation "pgmq.q_<name>" does not exist (42P01). True when a row was deleted.
CREATE OR REPLACE FUNCTION pgmq_delete_specific_message(
    queue_name text,
    target_msg_id bigint
) RETURNS boolean AS $$
DECLARE
    queue_table_name text;
    deleted_count integer;
BEGIN
    IF queue_name ~ '[^a-zA-Z0-9_]' THEN
        RAISE EXCEPTION 'Invalid queue name: %', queue_name;
    END IF;

    queue_table_name := 'pgmq.q_' || queue_name;

    EXECUTE format('DELETE FROM %s WHERE msg_id = %L', queue_table_name, target_msg_id);
    GET DIAGNOSTICS deleted_count = ROW_COUNT;

    RETURN deleted_count > 0;
END;
$$ LANGUAGE plpgsql;

-- As the seed (upstream's version also updated the wrong table): moves vt relative to the message's current vt,
-- visible or not; read_ct unchanged; 42P01 for an unknown queue. True when a row was updated.
CREATE OR REPLACE FUNCTION pgmq_extend_vt_specific_message(
    queue_name text,
    target_msg_id bigint,
    additional_vt_seconds integer DEFAULT 30
) RETURNS boolean AS $$
DECLARE
    queue_table_name text;
    updated_count integer;
BEGIN
    IF queue_name ~ '[^a-zA-Z0-9_]' THEN
        RAISE EXCEPTION 'Invalid queue name: %', queue_name;
    END IF;

    queue_table_name := 'pgmq.q_' || queue_name;

    EXECUTE format('
        UPDATE %s SET vt = vt + interval ''%s seconds'' WHERE msg_id = %L
    ', queue_table_name, additional_vt_seconds, target_msg_id);

    GET DIAGNOSTICS updated_count = ROW_COUNT;
    RETURN updated_count > 0;
END;
$$ LANGUAGE plpgsql;

-- ============================================================================
-- VALIDATION (A.3.9)
-- ============================================================================

DO $$
BEGIN
    RAISE NOTICE 'PGMQ notification functions installed successfully';
    RAISE NOTICE 'Use pgmq_send_with_notify() for atomic send + notification';
END;
$$;

-- tasker-data pgmq-compatible extension, version 1.11.0
--
-- tasker-data's own implementation of the pgmq 1.11.0 SQL API (spec:
-- shared/spec/pgmq-api.md, Part B), written from the specification for
-- embedded/test PostgreSQL servers. It is NOT the pgmq project and contains
-- none of its code. Plain SQL and PL/pgSQL only; no shared library.
--
-- Not implemented (optional / later in the spec): FIFO grouped reads, topics,
-- partitioned queues (create_partitioned only raises the pg_partman error),
-- convert_archive_partitioned.
--
-- Schema pgmq is created by CREATE EXTENSION from the control file's `schema`.

\echo Use "CREATE EXTENSION pgmq" to load this file. \quit

------------------------------------------------------------------------------
-- B.2 Global tables
------------------------------------------------------------------------------

CREATE TABLE pgmq.meta (
    queue_name     varchar     NOT NULL,
    is_partitioned boolean     NOT NULL,
    is_unlogged    boolean     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meta_queue_name_key UNIQUE (queue_name)
);

CREATE UNLOGGED TABLE pgmq.notify_insert_throttle (
    queue_name           varchar     NOT NULL,
    throttle_interval_ms integer     NOT NULL DEFAULT 0,
    last_notified_at     timestamptz NOT NULL DEFAULT to_timestamp(0),
    CONSTRAINT notify_insert_throttle_queue_name_key UNIQUE (queue_name),
    CONSTRAINT notify_insert_throttle_meta_queue_name_fk
        FOREIGN KEY (queue_name) REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE
);

CREATE INDEX idx_notify_throttle_active
    ON pgmq.notify_insert_throttle (queue_name, last_notified_at)
    WHERE throttle_interval_ms > 0;

-- pg_dump dumps the rows of these tables (queue tables are not members).
SELECT pg_catalog.pg_extension_config_dump('pgmq.meta', '');
SELECT pg_catalog.pg_extension_config_dump('pgmq.notify_insert_throttle', '');

------------------------------------------------------------------------------
-- B.1 Privileges: pg_monitor may look at everything in the schema
------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA pgmq TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON TABLES TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON SEQUENCES TO pg_monitor;

------------------------------------------------------------------------------
-- B.3 Composite types
------------------------------------------------------------------------------

CREATE TYPE pgmq.message_record AS (
    msg_id       bigint,
    read_ct      integer,
    enqueued_at  timestamptz,
    last_read_at timestamptz,
    vt           timestamptz,
    message      jsonb,
    headers      jsonb
);

CREATE TYPE pgmq.queue_record AS (
    queue_name     varchar,
    is_partitioned boolean,
    is_unlogged    boolean,
    created_at     timestamptz
);

CREATE TYPE pgmq.metrics_result AS (
    queue_name           text,
    queue_length         bigint,
    newest_msg_age_sec   integer,
    oldest_msg_age_sec   integer,
    total_messages       bigint,
    scrape_time          timestamptz,
    queue_visible_length bigint
);

------------------------------------------------------------------------------
-- B.5 / B.12 Queue names and internal support functions
------------------------------------------------------------------------------

-- Table name for a queue: lower(prefix || '_' || name). Rejects $ ; -- '
-- (the message ends with a literal backslash and apostrophe).
CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text)
RETURNS text AS $$
BEGIN
    IF queue_name ~ E'\\$|;|--|''' THEN
        RAISE EXCEPTION E'queue name contains invalid characters: $, ;, --, or \\''';
    END IF;
    RETURN lower(prefix || '_' || queue_name);
END;
$$ LANGUAGE plpgsql;

-- 63 (max identifier) minus 16 (pg_partman's 'template_pgmq_q_') = 47.
CREATE FUNCTION pgmq.validate_queue_name(queue_name text)
RETURNS void AS $$
BEGIN
    IF length(queue_name) > 47 THEN
        RAISE EXCEPTION 'queue name is too long, maximum length is 47 characters';
    END IF;
END;
$$ LANGUAGE plpgsql;

-- Serialises create/drop of one queue for the rest of the transaction.
CREATE FUNCTION pgmq.acquire_queue_lock(queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pgmq.queue_' || queue_name));
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq._extension_exists(extension_name text)
RETURNS boolean AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname = extension_name);
$$ LANGUAGE sql;

-- True if the table pgmq.<table_name> is a member object of extension pgmq.
-- Since 1.6.0 queue tables never are; kept for callers that probe it.
CREATE FUNCTION pgmq._belongs_to_pgmq(table_name text)
RETURNS boolean AS $$
    SELECT EXISTS (
        SELECT 1
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
        WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
          AND d.classid = 'pg_catalog.pg_class'::regclass
          AND d.deptype = 'e'
          AND e.extname = 'pgmq'
          AND d.objid = to_regclass(format('pgmq.%I', table_name))
    );
$$ LANGUAGE sql;

CREATE FUNCTION pgmq._ensure_pg_partman_installed()
RETURNS void AS $$
BEGIN
    IF NOT pgmq._extension_exists('pg_partman') THEN
        RAISE EXCEPTION 'pg_partman is required for partitioned queues';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq._get_pg_partman_schema()
RETURNS text AS $$
    SELECT n.nspname::text
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_partman';
$$ LANGUAGE sql;

CREATE FUNCTION pgmq._get_pg_partman_major_version()
RETURNS integer AS $$
    SELECT split_part(extversion, '.', 1)::integer
    FROM pg_catalog.pg_extension
    WHERE extname = 'pg_partman';
$$ LANGUAGE sql;

-- Partition column for a partition interval: msg_id if it is an integer,
-- otherwise enqueued_at (time-based).
CREATE FUNCTION pgmq._get_partition_col(partition_interval text)
RETURNS text AS $$
BEGIN
    PERFORM partition_interval::bigint;
    RETURN 'msg_id';
EXCEPTION WHEN OTHERS THEN
    RETURN 'enqueued_at';
END;
$$ LANGUAGE plpgsql;

-- Batch argument checks shared by every send_batch overload.
CREATE FUNCTION pgmq._validate_batch_params(msgs jsonb[], headers jsonb[])
RETURNS void AS $$
BEGIN
    IF msgs IS NULL OR coalesce(array_length(msgs, 1), 0) = 0 THEN
        RAISE EXCEPTION 'msgs cannot be NULL or empty';
    END IF;
    IF headers IS NOT NULL
       AND coalesce(array_length(headers, 1), 0) <> array_length(msgs, 1) THEN
        RAISE EXCEPTION 'headers array length (%) must match msgs array length (%)',
            coalesce(array_length(headers, 1), 0), array_length(msgs, 1);
    END IF;
END;
$$ LANGUAGE plpgsql;

------------------------------------------------------------------------------
-- B.4 / B.6 Queue management
------------------------------------------------------------------------------

-- Shared by create_non_partitioned and create_unlogged: the queue table (UNLOGGED when asked), the
-- always-logged archive table, their indexes and the meta row. Idempotent.
CREATE FUNCTION pgmq._create_queue(queue_name text, unlogged boolean)
RETURNS void AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
    PERFORM pgmq.validate_queue_name(queue_name);
    PERFORM pgmq.acquire_queue_lock(queue_name);

    EXECUTE format(
        $QUERY$
        CREATE %s TABLE IF NOT EXISTS pgmq.%I (
            msg_id       bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
            read_ct      integer NOT NULL DEFAULT 0,
            enqueued_at  timestamptz NOT NULL DEFAULT now(),
            last_read_at timestamptz,
            vt           timestamptz NOT NULL,
            message      jsonb,
            headers      jsonb
        )
        $QUERY$, CASE WHEN unlogged THEN 'UNLOGGED' ELSE '' END, qtable);

    EXECUTE format(
        $QUERY$
        CREATE TABLE IF NOT EXISTS pgmq.%I (
            msg_id       bigint PRIMARY KEY,
            read_ct      integer NOT NULL DEFAULT 0,
            enqueued_at  timestamptz NOT NULL DEFAULT now(),
            last_read_at timestamptz,
            archived_at  timestamptz NOT NULL DEFAULT now(),
            vt           timestamptz NOT NULL,
            message      jsonb,
            headers      jsonb
        )
        $QUERY$, atable);

    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)',
                   qtable || '_vt_idx', qtable);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                   'archived_at_idx_' || queue_name, atable);

    INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
    VALUES (queue_name, false, unlogged)
    ON CONFLICT DO NOTHING;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.create_non_partitioned(queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pgmq._create_queue(queue_name, false);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq."create"(queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pgmq.create_non_partitioned(queue_name);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.create_unlogged(queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pgmq._create_queue(queue_name, true);
END;
$$ LANGUAGE plpgsql;

-- Partitioned queues need pg_partman, which this implementation does not
-- support; without pg_partman this raises exactly as pgmq does.
CREATE FUNCTION pgmq.create_partitioned(
    queue_name text,
    partition_interval text DEFAULT '10000',
    retention_interval text DEFAULT '100000'
)
RETURNS void AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    PERFORM pgmq.validate_queue_name(queue_name);
    PERFORM pgmq._ensure_pg_partman_installed();
    RAISE EXCEPTION 'partitioned queues are not supported by the tasker-data pgmq-compatible extension'
        USING ERRCODE = 'feature_not_supported';
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.drop_queue(queue_name text)
RETURNS boolean AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
    PERFORM pgmq.acquire_queue_lock(queue_name);

    IF NOT EXISTS (
        SELECT 1 FROM information_schema.tables t
        WHERE t.table_schema = 'pgmq' AND t.table_name = qtable
    ) THEN
        RAISE NOTICE 'pgmq queue `%` does not exist', queue_name;
        RETURN false;
    END IF;

    EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', qtable);
    EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', atable);

    -- throttle rows cascade through notify_insert_throttle_meta_queue_name_fk
    DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;

    RETURN true;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.drop_queue(queue_name text, partitioned boolean)
RETURNS boolean AS $$
BEGIN
    RAISE WARNING 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
    PERFORM pgmq.drop_queue(queue_name);
    RETURN true;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.purge_queue(queue_name text)
RETURNS bigint AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    deleted_count bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM pgmq.%I', qtable) INTO deleted_count;
    EXECUTE format('TRUNCATE TABLE pgmq.%I', qtable);
    RETURN deleted_count;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.detach_archive(queue_name text)
RETURNS void AS $$
BEGIN
    RAISE WARNING 'detach_archive(queue_name) is deprecated and is a no-op. It will be removed in PGMQ v2.0. Archive tables are no longer member objects.';
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.list_queues()
RETURNS SETOF pgmq.queue_record AS $$
BEGIN
    RETURN QUERY
        SELECT m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at
        FROM pgmq.meta m;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.metrics(queue_name text)
RETURNS pgmq.metrics_result AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    result_row pgmq.metrics_result;
BEGIN
    EXECUTE format(
        $QUERY$
        WITH q_summary AS (
            SELECT count(*) AS queue_length,
                   count(*) FILTER (WHERE vt <= now()) AS queue_visible_length,
                   extract(epoch FROM (now() - max(enqueued_at)))::integer AS newest_msg_age_sec,
                   extract(epoch FROM (now() - min(enqueued_at)))::integer AS oldest_msg_age_sec,
                   now() AS scrape_time
            FROM pgmq.%I
        ),
        all_metrics AS (
            SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS total_messages
            FROM pgmq.%I
        )
        SELECT %L::text,
               q_summary.queue_length,
               q_summary.newest_msg_age_sec,
               q_summary.oldest_msg_age_sec,
               all_metrics.total_messages,
               q_summary.scrape_time,
               q_summary.queue_visible_length
        FROM q_summary, all_metrics
        $QUERY$,
        qtable, qtable || '_msg_id_seq', queue_name)
    INTO result_row;
    RETURN result_row;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.metrics_all()
RETURNS SETOF pgmq.metrics_result AS $$
DECLARE
    row_name record;
    result_row pgmq.metrics_result;
BEGIN
    FOR row_name IN SELECT m.queue_name FROM pgmq.meta m LOOP
        result_row := pgmq.metrics(row_name.queue_name);
        RETURN NEXT result_row;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

------------------------------------------------------------------------------
-- B.7 Sending
--
-- No defaults on any overload: send(q, msg, <untyped literal>) must stay
-- ambiguous between the jsonb / integer / timestamptz third arguments.
------------------------------------------------------------------------------

-- The base variant; every other send calls it.
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamptz)
RETURNS SETOF bigint AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        'INSERT INTO pgmq.%I (vt, message, headers) VALUES ($2, $1, $3) RETURNING msg_id',
        qtable)
    USING msg, delay, headers;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq.send(queue_name, msg, NULL::jsonb, clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq.send(queue_name, msg, headers, clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq.send(queue_name, msg, NULL::jsonb,
                            clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay timestamptz)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq.send(queue_name, msg, NULL::jsonb, delay);
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq.send(queue_name, msg, headers,
                            clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

-- The batch base variant; returns the ids in array order.
CREATE FUNCTION pgmq._send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS SETOF bigint AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    PERFORM pgmq._validate_batch_params(msgs, headers);
    RETURN QUERY EXECUTE format(
        $QUERY$
        INSERT INTO pgmq.%I (vt, message, headers)
        SELECT $2, unnest($1), unnest(coalesce($3, '{}'::jsonb[]))
        RETURNING msg_id
        $QUERY$, qtable)
    USING msgs, delay, headers;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[])
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[], clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[])
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, headers, clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[],
                                   clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay timestamptz)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[], delay);
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, headers,
                                   clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS SETOF bigint AS $$
    SELECT * FROM pgmq._send_batch(queue_name, msgs, headers, delay);
$$ LANGUAGE sql;

------------------------------------------------------------------------------
-- B.8 / B.9 Reading and acknowledging
--
-- Rows that functions return as message_record are sorted by msg_id (the
-- spec only promises "in practice ascending"; the sort makes it certain).
------------------------------------------------------------------------------

CREATE FUNCTION pgmq.read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    condition text := '';
BEGIN
    -- experimental: containment on message only, applied only when not '{}'
    IF conditional <> '{}'::jsonb THEN
        condition := format('AND message @> %L::jsonb', conditional);
    END IF;

    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH cte AS (
            SELECT msg_id
            FROM pgmq.%I
            WHERE vt <= clock_timestamp() %s
            ORDER BY msg_id ASC
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        )
        , updated AS (
            UPDATE pgmq.%I m
            SET last_read_at = clock_timestamp(),
                vt = clock_timestamp() + $2,
                read_ct = m.read_ct + 1
            FROM cte
            WHERE m.msg_id = cte.msg_id
            RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.last_read_at, m.vt, m.message, m.headers
        )
        SELECT * FROM updated ORDER BY msg_id
        $QUERY$, qtable, condition, qtable)
    USING qty, make_interval(secs => vt);
END;
$$ LANGUAGE plpgsql;

-- The deadline is checked before every read, including the first, so
-- max_poll_seconds <= 0 returns nothing without reading.
CREATE FUNCTION pgmq.read_with_poll(
    queue_name text,
    vt integer,
    qty integer,
    max_poll_seconds integer DEFAULT 5,
    poll_interval_ms integer DEFAULT 100,
    conditional jsonb DEFAULT '{}'
)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    stop_at timestamptz := clock_timestamp() + make_interval(secs => max_poll_seconds);
BEGIN
    LOOP
        IF clock_timestamp() >= stop_at THEN
            RETURN;
        END IF;

        RETURN QUERY SELECT * FROM pgmq.read(queue_name, vt, qty, conditional);
        IF FOUND THEN
            RETURN;
        END IF;

        PERFORM pg_sleep(poll_interval_ms / 1000.0);
    END LOOP;
END;
$$ LANGUAGE plpgsql;

-- Deletes and returns up to qty visible messages; read_ct and last_read_at
-- are left as they were.
CREATE FUNCTION pgmq.pop(queue_name text, qty integer DEFAULT 1)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH cte AS (
            SELECT msg_id
            FROM pgmq.%I
            WHERE vt <= clock_timestamp()
            ORDER BY msg_id ASC
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        )
        , deleted AS (
            DELETE FROM pgmq.%I m
            USING cte
            WHERE m.msg_id = cte.msg_id
            RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.last_read_at, m.vt, m.message, m.headers
        )
        SELECT * FROM deleted ORDER BY msg_id
        $QUERY$, qtable, qtable)
    USING qty;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        'DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING msg_id', qtable)
    USING msg_ids;
END;
$$ LANGUAGE plpgsql;

-- Moves messages to the archive in one statement; archived_at defaults to now().
CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
    atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH archived AS (
            DELETE FROM pgmq.%I
            WHERE msg_id = ANY($1)
            RETURNING msg_id, vt, read_ct, enqueued_at, last_read_at, message, headers
        )
        INSERT INTO pgmq.%I (msg_id, vt, read_ct, enqueued_at, last_read_at, message, headers)
        SELECT msg_id, vt, read_ct, enqueued_at, last_read_at, message, headers
        FROM archived
        RETURNING msg_id
        $QUERY$, qtable, atable)
    USING msg_ids;
END;
$$ LANGUAGE plpgsql;

-- set_vt: read_ct is never changed; unknown ids give an empty set.
CREATE FUNCTION pgmq.set_vt(queue_name text, msg_ids bigint[], vt timestamptz)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH updated AS (
            UPDATE pgmq.%I
            SET vt = $2
            WHERE msg_id = ANY($1)
            RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers
        )
        SELECT * FROM updated ORDER BY msg_id
        $QUERY$, qtable)
    USING msg_ids, vt;
END;
$$ LANGUAGE plpgsql;

-- The single-id forms and the relative (integer seconds) forms delegate to the
-- array forms above; a relative vt counts from clock_timestamp().
CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint)
RETURNS boolean AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM pgmq.delete(queue_name, ARRAY[msg_id]));
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.archive(queue_name text, msg_id bigint)
RETURNS boolean AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM pgmq.archive(queue_name, ARRAY[msg_id]));
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_ids bigint[], vt integer)
RETURNS SETOF pgmq.message_record AS $$
BEGIN
    RETURN QUERY SELECT * FROM pgmq.set_vt(queue_name, msg_ids, clock_timestamp() + make_interval(secs => vt));
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt timestamptz)
RETURNS SETOF pgmq.message_record AS $$
BEGIN
    RETURN QUERY SELECT * FROM pgmq.set_vt(queue_name, ARRAY[msg_id], vt);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
RETURNS SETOF pgmq.message_record AS $$
BEGIN
    RETURN QUERY SELECT * FROM pgmq.set_vt(queue_name, ARRAY[msg_id], clock_timestamp() + make_interval(secs => vt));
END;
$$ LANGUAGE plpgsql;

------------------------------------------------------------------------------
-- B.10 Insert notifications
--
-- Channel 'pgmq.q_<lower name>.INSERT', NULL payload. The trigger looks the
-- throttle row up by the lowercased name, so (as in pgmq 1.11.0) a queue whose
-- name is not all lowercase never notifies.
-- The stray 1-argument enable_notify_insert(text) of pgmq 1.11.0 is left out
-- on purpose: next to the 2-argument form with a default it makes
-- enable_notify_insert('q') ambiguous ("is not unique").
------------------------------------------------------------------------------

CREATE FUNCTION pgmq.notify_queue_listeners()
RETURNS trigger AS $$
DECLARE
    updated_count integer;
BEGIN
    UPDATE pgmq.notify_insert_throttle t
    SET last_notified_at = clock_timestamp()
    WHERE t.queue_name = substring(TG_TABLE_NAME FROM 3)
      AND (t.throttle_interval_ms = 0
           OR clock_timestamp() - t.last_notified_at
              >= make_interval(secs => t.throttle_interval_ms / 1000.0));
    GET DIAGNOSTICS updated_count = ROW_COUNT;

    IF updated_count > 0 THEN
        PERFORM pg_notify('pgmq.' || TG_TABLE_NAME || '.' || TG_OP, NULL);
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.disable_notify_insert(queue_name text)
RETURNS void AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS trigger_notify_queue_insert_listeners ON pgmq.%I',
                   qtable);
    DELETE FROM pgmq.notify_insert_throttle t
    WHERE t.queue_name = disable_notify_insert.queue_name;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.enable_notify_insert(queue_name text, throttle_interval_ms integer DEFAULT 250)
RETURNS void AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    IF throttle_interval_ms < 0 THEN
        RAISE EXCEPTION 'throttle_interval_ms must be non-negative';
    END IF;

    IF NOT EXISTS (
        SELECT 1 FROM information_schema.tables t
        WHERE t.table_schema = 'pgmq' AND t.table_name = qtable
    ) THEN
        RAISE EXCEPTION 'Queue "%" does not exist. Create it first using pgmq.create()', queue_name;
    END IF;

    PERFORM pgmq.disable_notify_insert(queue_name);

    INSERT INTO pgmq.notify_insert_throttle AS t (queue_name, throttle_interval_ms, last_notified_at)
    VALUES (enable_notify_insert.queue_name, enable_notify_insert.throttle_interval_ms, to_timestamp(0))
    ON CONFLICT ON CONSTRAINT notify_insert_throttle_queue_name_key
    DO UPDATE SET throttle_interval_ms = EXCLUDED.throttle_interval_ms,
                  last_notified_at = to_timestamp(0);

    EXECUTE format(
        $QUERY$
        CREATE CONSTRAINT TRIGGER trigger_notify_queue_insert_listeners
        AFTER INSERT ON pgmq.%I
        DEFERRABLE FOR EACH ROW
        EXECUTE PROCEDURE pgmq.notify_queue_listeners()
        $QUERY$, qtable);
END;
$$ LANGUAGE plpgsql;

-- Changes the throttle of a queue that already has notify_insert enabled;
-- last_notified_at is left as it is.
CREATE FUNCTION pgmq.update_notify_insert(queue_name text, throttle_interval_ms integer)
RETURNS void AS $$
BEGIN
    IF throttle_interval_ms < 0 THEN
        RAISE EXCEPTION 'throttle_interval_ms must be non-negative, got: %', throttle_interval_ms;
    END IF;

    IF NOT EXISTS (
        SELECT 1 FROM pgmq.meta m WHERE m.queue_name = update_notify_insert.queue_name
    ) THEN
        RAISE EXCEPTION 'Queue "%" does not exist. Create the queue first using pgmq.create()', queue_name;
    END IF;

    IF NOT EXISTS (
        SELECT 1 FROM pgmq.notify_insert_throttle t
        WHERE t.queue_name = update_notify_insert.queue_name
    ) THEN
        RAISE EXCEPTION 'Queue "%" does not have notify_insert enabled. Enable it first using pgmq.enable_notify_insert()', queue_name;
    END IF;

    UPDATE pgmq.notify_insert_throttle t
    SET throttle_interval_ms = update_notify_insert.throttle_interval_ms
    WHERE t.queue_name = update_notify_insert.queue_name;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.list_notify_insert_throttles()
RETURNS TABLE (queue_name text, throttle_interval_ms integer, last_notified_at timestamptz) AS $$
    SELECT t.queue_name::text, t.throttle_interval_ms, t.last_notified_at
    FROM pgmq.notify_insert_throttle t
    ORDER BY t.queue_name;
$$ LANGUAGE sql STABLE;

-- tasker-data pgmq-compatible extension, version 1.11.0
--
-- tasker-data's own implementation of the pgmq 1.11.0 SQL API (spec:
-- shared/spec/pgmq-api.md, Part B), written from the specification for
-- embedded/test PostgreSQL servers. It is NOT the pgmq project and contains
-- none of its code. Plain SQL and PL/pgSQL only; no shared library.
--
-- Not implemented: partitioned queues, which need pg_partman
-- (create_partitioned and convert_archive_partitioned raise the pg_partman
-- error; with pg_partman installed they raise feature_not_supported).
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

-- Topic bindings (B.2, 1.11.0): routing-key patterns bound to queues. The
-- generated compiled_regex is the pattern as an anchored regular expression:
-- regex metacharacters escaped, '*' = exactly one segment, '#' = any rest.
CREATE TABLE pgmq.topic_bindings (
    pattern        text        NOT NULL,
    queue_name     text        NOT NULL
        CONSTRAINT topic_bindings_meta_queue_name_fk
            REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE,
    bound_at       timestamptz NOT NULL DEFAULT now(),
    compiled_regex text GENERATED ALWAYS AS (
        '^'
        || replace(replace(regexp_replace(pattern, '[]+?{}()|.^$\\[]', '\\\&', 'g'),
                           '*', '[^.]+'),
                   '#', '.*')
        || '$') STORED,
    CONSTRAINT topic_bindings_unique_pattern_queue UNIQUE (pattern, queue_name)
);

CREATE INDEX idx_topic_bindings_covering
    ON pgmq.topic_bindings (pattern) INCLUDE (queue_name, compiled_regex);

-- pg_dump dumps the rows of these tables (queue tables are not members).
SELECT pg_catalog.pg_extension_config_dump('pgmq.meta', '');
SELECT pg_catalog.pg_extension_config_dump('pgmq.notify_insert_throttle', '');
SELECT pg_catalog.pg_extension_config_dump('pgmq.topic_bindings', '');

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

-- Changes the throttle of a queue that already has notify_insert enabled and
-- resets last_notified_at to the epoch, so the next insert notifies at once.
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
    SET throttle_interval_ms = update_notify_insert.throttle_interval_ms,
        last_notified_at = to_timestamp(0)
    WHERE t.queue_name = update_notify_insert.queue_name;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.list_notify_insert_throttles()
RETURNS TABLE (queue_name text, throttle_interval_ms integer, last_notified_at timestamptz) AS $$
    SELECT t.queue_name::text, t.throttle_interval_ms, t.last_notified_at
    FROM pgmq.notify_insert_throttle t
    ORDER BY t.queue_name;
$$ LANGUAGE sql STABLE;

------------------------------------------------------------------------------
-- B.6 convert_archive_partitioned: needs pg_partman, like create_partitioned.
-- A missing or already partitioned archive only raises a NOTICE (the texts,
-- including their stray 's', are pgmq's).
------------------------------------------------------------------------------

CREATE FUNCTION pgmq.convert_archive_partitioned(
    table_name text,
    partition_interval text DEFAULT '10000',
    retention_interval text DEFAULT '100000',
    leading_partition integer DEFAULT 10
)
RETURNS void AS $$
DECLARE
    atable text := pgmq.format_table_name(table_name, 'a');
    kind "char";
BEGIN
    SELECT c.relkind INTO kind
    FROM pg_catalog.pg_class c
    WHERE c.relname = atable AND c.relkind IN ('p', 'r')
    ORDER BY c.relkind
    LIMIT 1;

    IF kind = 'p' THEN
        RAISE NOTICE 'Table %s is already partitioned', atable;
        RETURN;
    ELSIF kind IS NULL THEN
        RAISE NOTICE 'Table %s does not exists', atable;
        RETURN;
    END IF;

    PERFORM pgmq._ensure_pg_partman_installed();
    RAISE EXCEPTION 'partitioned archives are not supported by the tasker-data pgmq-compatible extension'
        USING ERRCODE = 'feature_not_supported';
END;
$$ LANGUAGE plpgsql;

------------------------------------------------------------------------------
-- B.11.1 FIFO message groups (1.9.0)
--
-- A message's group is its header x-pgmq-group; messages without one (or with
-- a JSON null) share the group '_default_fifo_group'. An empty string is a
-- group of its own. Every read sets vt, read_ct + 1 and last_read_at like read.
------------------------------------------------------------------------------

-- GIN index <queue table>_fifo_idx on headers; idempotent.
CREATE FUNCTION pgmq._create_fifo_index_if_not_exists(queue_name text)
RETURNS void AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I USING GIN (headers)',
                   qtable || '_fifo_idx', qtable);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.create_fifo_index(queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pgmq._create_fifo_index_if_not_exists(queue_name);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.create_fifo_indexes_all()
RETURNS void AS $$
DECLARE
    registered record;
BEGIN
    FOR registered IN SELECT m.queue_name FROM pgmq.meta m LOOP
        PERFORM pgmq.create_fifo_index(registered.queue_name);
    END LOOP;
END;
$$ LANGUAGE plpgsql;

-- SQS-FIFO style: fills the batch from the group with the oldest head first.
--  1. per group, the oldest visible message is its head; heads are locked
--     (FOR UPDATE SKIP LOCKED, re-checking visibility) and a head held by
--     another reader drops its group;
--  2. a group with an invisible message older than its head (in flight or
--     delayed) is dropped;
--  3. groups are ranked by head id; the batch takes visible messages in
--     (group rank, msg_id) order up to qty, locks them SKIP LOCKED and updates.
-- One pass over the queue table computes every group's key, head, oldest
-- invisible message and visible count; only the groups the batch needs are
-- ranked message by message. Rows come back in msg_id order.
CREATE FUNCTION pgmq.read_grouped(queue_name text, vt integer, qty integer)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH messages AS (
            SELECT q.msg_id,
                   coalesce(q.headers->>'x-pgmq-group', '_default_fifo_group') AS group_key,
                   q.vt <= clock_timestamp() AS visible
            FROM pgmq.%1$I q
        ),
        per_group AS (
            SELECT m.group_key,
                   min(m.msg_id) FILTER (WHERE m.visible) AS head_id,
                   min(m.msg_id) FILTER (WHERE NOT m.visible) AS oldest_hidden_id,
                   count(*) FILTER (WHERE m.visible) AS visible_count
            FROM messages m
            GROUP BY m.group_key
        ),
        heads AS (
            SELECT g.group_key, g.head_id, g.oldest_hidden_id, g.visible_count
            FROM per_group g
            JOIN pgmq.%1$I h ON h.msg_id = g.head_id
            WHERE h.vt <= clock_timestamp()
            ORDER BY h.msg_id
            FOR UPDATE OF h SKIP LOCKED
        ),
        open_groups AS (
            -- the empty LIMIT $1 subquery rejects a negative qty (LIMIT must not be
            -- negative) once a group is open, as pgmq's per-group limit does
            SELECT hd.group_key, hd.head_id,
                   sum(hd.visible_count) OVER (ORDER BY hd.head_id) - hd.visible_count AS taken_before
            FROM heads hd
            CROSS JOIN LATERAL (SELECT LIMIT $1) AS per_group_limit
            WHERE hd.oldest_hidden_id IS NULL OR hd.oldest_hidden_id > hd.head_id
        ),
        needed_groups AS (
            SELECT o.group_key, o.head_id FROM open_groups o WHERE o.taken_before < $1
        ),
        batch AS (
            SELECT m.msg_id,
                   row_number() OVER (ORDER BY n.head_id, m.msg_id) AS batch_position
            FROM messages m
            JOIN needed_groups n ON n.group_key = m.group_key
            WHERE m.visible
        ),
        claimed AS (
            SELECT q.msg_id
            FROM batch b
            JOIN pgmq.%1$I q ON q.msg_id = b.msg_id
            WHERE b.batch_position <= $1
            ORDER BY q.msg_id
            FOR UPDATE OF q SKIP LOCKED
        ),
        updated AS (
            UPDATE pgmq.%1$I m
            SET vt = clock_timestamp() + $2,
                read_ct = m.read_ct + 1,
                last_read_at = clock_timestamp()
            FROM claimed c
            WHERE m.msg_id = c.msg_id
            RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.last_read_at, m.vt, m.message, m.headers
        )
        SELECT * FROM updated ORDER BY msg_id
        $QUERY$, qtable)
    USING qty, make_interval(secs => vt);
END;
$$ LANGUAGE plpgsql;

-- Round robin: the first message of every eligible group, then the second, ...
--  1. a group's head is its oldest message, visible or not;
--  2. every group is tried with pg_try_advisory_xact_lock(hashtextextended(
--     group, 0)) (keyed by the group name only, held to the end of the
--     transaction); a group is eligible if it got the lock and its head is
--     visible;
--  3. visible messages are taken in layers (position in group, then groups by
--     head id) up to qty, locked SKIP LOCKED and updated if still visible.
-- Rows come back in that selection order.
CREATE FUNCTION pgmq.read_grouped_rr(queue_name text, vt integer, qty integer)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
    RETURN QUERY EXECUTE format(
        $QUERY$
        WITH messages AS (
            SELECT q.msg_id,
                   coalesce(q.headers->>'x-pgmq-group', '_default_fifo_group') AS group_key,
                   q.vt <= clock_timestamp() AS visible
            FROM pgmq.%1$I q
        ),
        per_group AS (
            SELECT m.group_key, min(m.msg_id) AS head_id
            FROM messages m
            GROUP BY m.group_key
        ),
        locked_groups AS (
            SELECT g.group_key, g.head_id
            FROM per_group g
            WHERE pg_try_advisory_xact_lock(pg_catalog.hashtextextended(g.group_key, 0))
        ),
        eligible AS (
            SELECT lg.group_key, lg.head_id
            FROM locked_groups lg
            JOIN pgmq.%1$I h ON h.msg_id = lg.head_id
            WHERE h.vt <= clock_timestamp()
        ),
        candidates AS (
            SELECT m.msg_id, e.head_id,
                   row_number() OVER (PARTITION BY e.group_key ORDER BY m.msg_id) AS layer
            FROM messages m
            JOIN eligible e ON e.group_key = m.group_key
            WHERE m.visible
        ),
        selection AS (
            SELECT c.msg_id, row_number() OVER (ORDER BY c.layer, c.head_id) AS pick
            FROM candidates c
        ),
        claimed AS (
            SELECT s.msg_id, s.pick
            FROM selection s
            JOIN pgmq.%1$I q ON q.msg_id = s.msg_id
            WHERE s.pick <= $1
            ORDER BY s.pick
            FOR UPDATE OF q SKIP LOCKED
        ),
        updated AS (
            UPDATE pgmq.%1$I m
            SET vt = clock_timestamp() + $2,
                read_ct = m.read_ct + 1,
                last_read_at = clock_timestamp()
            FROM claimed c
            WHERE m.msg_id = c.msg_id
              AND m.vt <= clock_timestamp()
            RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.last_read_at, m.vt, m.message, m.headers, c.pick
        )
        SELECT u.msg_id, u.read_ct, u.enqueued_at, u.last_read_at, u.vt, u.message, u.headers
        FROM updated u
        ORDER BY u.pick
        $QUERY$, qtable)
    USING qty, make_interval(secs => vt);
END;
$$ LANGUAGE plpgsql;

-- The *_with_poll forms poll like read_with_poll: the deadline is checked
-- before every read, so max_poll_seconds <= 0 returns nothing without reading.
CREATE FUNCTION pgmq.read_grouped_with_poll(
    queue_name text,
    vt integer,
    qty integer,
    max_poll_seconds integer DEFAULT 5,
    poll_interval_ms integer DEFAULT 100
)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    stop_at timestamptz := clock_timestamp() + make_interval(secs => max_poll_seconds);
BEGIN
    WHILE clock_timestamp() < stop_at LOOP
        RETURN QUERY SELECT * FROM pgmq.read_grouped(queue_name, vt, qty);
        IF FOUND THEN
            RETURN;
        END IF;
        PERFORM pg_sleep(poll_interval_ms / 1000.0);
    END LOOP;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.read_grouped_rr_with_poll(
    queue_name text,
    vt integer,
    qty integer,
    max_poll_seconds integer DEFAULT 5,
    poll_interval_ms integer DEFAULT 100
)
RETURNS SETOF pgmq.message_record AS $$
DECLARE
    stop_at timestamptz := clock_timestamp() + make_interval(secs => max_poll_seconds);
BEGIN
    WHILE clock_timestamp() < stop_at LOOP
        RETURN QUERY SELECT * FROM pgmq.read_grouped_rr(queue_name, vt, qty);
        IF FOUND THEN
            RETURN;
        END IF;
        PERFORM pg_sleep(poll_interval_ms / 1000.0);
    END LOOP;
END;
$$ LANGUAGE plpgsql;

------------------------------------------------------------------------------
-- B.11.2 Topics (1.11.0): AMQP-like routing of one message to every queue
-- bound to a pattern that matches its routing key.
--
-- Routing keys: 1-255 characters from [a-zA-Z0-9._-], no leading, trailing
-- or doubled dot. Patterns also allow '*' (one segment) and '#' (zero or more
-- segments), but no '**', '##', '*#' or '#*'. The checks run in this order
-- and each has its own message.
------------------------------------------------------------------------------

CREATE FUNCTION pgmq.validate_routing_key(routing_key text)
RETURNS boolean AS $$
BEGIN
    IF coalesce(routing_key, '') = '' THEN
        RAISE EXCEPTION 'routing_key cannot be NULL or empty';
    ELSIF length(routing_key) > 255 THEN
        RAISE EXCEPTION 'routing_key length cannot exceed 255 characters, got % characters',
            length(routing_key);
    ELSIF routing_key !~ '^[a-zA-Z0-9._-]+$' THEN
        RAISE EXCEPTION 'routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and underscores are allowed. Got: %',
            routing_key;
    ELSIF left(routing_key, 1) = '.' THEN
        RAISE EXCEPTION 'routing_key cannot start with a dot. Got: %', routing_key;
    ELSIF right(routing_key, 1) = '.' THEN
        RAISE EXCEPTION 'routing_key cannot end with a dot. Got: %', routing_key;
    ELSIF strpos(routing_key, '..') > 0 THEN
        RAISE EXCEPTION 'routing_key cannot contain consecutive dots. Got: %', routing_key;
    END IF;
    RETURN true;
END;
$$ LANGUAGE plpgsql IMMUTABLE;

CREATE FUNCTION pgmq.validate_topic_pattern(pattern text)
RETURNS boolean AS $$
BEGIN
    IF coalesce(pattern, '') = '' THEN
        RAISE EXCEPTION 'pattern cannot be NULL or empty';
    ELSIF length(pattern) > 255 THEN
        RAISE EXCEPTION 'pattern length cannot exceed 255 characters, got % characters', length(pattern);
    ELSIF pattern !~ '^[a-zA-Z0-9._*#-]+$' THEN
        RAISE EXCEPTION 'pattern contains invalid characters. Only alphanumeric, dots, hyphens, underscores, *, and # are allowed. Got: %',
            pattern;
    ELSIF left(pattern, 1) = '.' THEN
        RAISE EXCEPTION 'pattern cannot start with a dot. Got: %', pattern;
    ELSIF right(pattern, 1) = '.' THEN
        RAISE EXCEPTION 'pattern cannot end with a dot. Got: %', pattern;
    ELSIF strpos(pattern, '..') > 0 THEN
        RAISE EXCEPTION 'pattern cannot contain consecutive dots. Got: %', pattern;
    ELSIF strpos(pattern, '**') > 0 THEN
        RAISE EXCEPTION 'pattern cannot contain consecutive stars (**). Use # for multi-segment matching. Got: %',
            pattern;
    ELSIF strpos(pattern, '##') > 0 THEN
        RAISE EXCEPTION 'pattern cannot contain consecutive hashes (##). A single # already matches zero or more segments. Got: %',
            pattern;
    ELSIF strpos(pattern, '*#') > 0 OR strpos(pattern, '#*') > 0 THEN
        RAISE EXCEPTION 'pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards with dots. Got: %',
            pattern;
    END IF;
    RETURN true;
END;
$$ LANGUAGE plpgsql IMMUTABLE;

-- Binds a valid pattern to an existing queue (by its name in pgmq.meta);
-- binding the same pair again does nothing.
CREATE FUNCTION pgmq.bind_topic(pattern text, queue_name text)
RETURNS void AS $$
BEGIN
    PERFORM pgmq.validate_topic_pattern(pattern);
    IF coalesce(queue_name, '') = '' THEN
        RAISE EXCEPTION 'queue_name cannot be NULL or empty';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pgmq.meta m WHERE m.queue_name = bind_topic.queue_name) THEN
        RAISE EXCEPTION 'Queue "%" does not exist. Create the queue first using pgmq.create()', queue_name;
    END IF;

    INSERT INTO pgmq.topic_bindings (pattern, queue_name)
    VALUES (bind_topic.pattern, bind_topic.queue_name)
    ON CONFLICT ON CONSTRAINT topic_bindings_unique_pattern_queue DO NOTHING;
END;
$$ LANGUAGE plpgsql;

-- True if the binding existed and was removed. The pattern is not validated.
CREATE FUNCTION pgmq.unbind_topic(pattern text, queue_name text)
RETURNS boolean AS $$
BEGIN
    IF coalesce(pattern, '') = '' THEN
        RAISE EXCEPTION 'pattern cannot be NULL or empty';
    END IF;
    IF coalesce(queue_name, '') = '' THEN
        RAISE EXCEPTION 'queue_name cannot be NULL or empty';
    END IF;

    DELETE FROM pgmq.topic_bindings b
    WHERE b.pattern = unbind_topic.pattern AND b.queue_name = unbind_topic.queue_name;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- Dry run: the bindings a routing key matches, by pattern.
CREATE FUNCTION pgmq.test_routing(routing_key text)
RETURNS TABLE (pattern text, queue_name text, compiled_regex text) AS $$
BEGIN
    PERFORM pgmq.validate_routing_key(routing_key);
    RETURN QUERY
        SELECT b.pattern, b.queue_name, b.compiled_regex
        FROM pgmq.topic_bindings b
        WHERE test_routing.routing_key ~ b.compiled_regex
        ORDER BY b.pattern;
END;
$$ LANGUAGE plpgsql STABLE;

-- Sends msg once to every distinct queue whose binding matches routing_key,
-- in queue_name order, and returns how many queues got it (0 if none).
CREATE FUNCTION pgmq.send_topic(routing_key text, msg jsonb, headers jsonb, delay integer)
RETURNS integer AS $$
DECLARE
    target record;
    sent integer := 0;
BEGIN
    PERFORM pgmq.validate_routing_key(routing_key);
    IF msg IS NULL THEN
        RAISE EXCEPTION 'msg cannot be NULL';
    END IF;
    IF delay < 0 THEN
        RAISE EXCEPTION 'delay cannot be negative, got: %', delay;
    END IF;

    FOR target IN
        SELECT DISTINCT b.queue_name
        FROM pgmq.topic_bindings b
        WHERE send_topic.routing_key ~ b.compiled_regex
        ORDER BY b.queue_name
    LOOP
        PERFORM pgmq.send(target.queue_name, msg, headers, delay);
        sent := sent + 1;
    END LOOP;
    RETURN sent;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.send_topic(routing_key text, msg jsonb)
RETURNS integer AS $$
BEGIN
    RETURN pgmq.send_topic(routing_key, msg, NULL::jsonb, 0);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.send_topic(routing_key text, msg jsonb, delay integer)
RETURNS integer AS $$
BEGIN
    RETURN pgmq.send_topic(routing_key, msg, NULL::jsonb, delay);
END;
$$ LANGUAGE plpgsql;

-- Batch form: one send_batch per matching queue (queue_name order), one row
-- per message sent: the queue it went to and its id there.
CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
DECLARE
    target record;
BEGIN
    PERFORM pgmq.validate_routing_key(routing_key);
    PERFORM pgmq._validate_batch_params(msgs, headers);

    FOR target IN
        SELECT DISTINCT b.queue_name
        FROM pgmq.topic_bindings b
        WHERE send_batch_topic.routing_key ~ b.compiled_regex
        ORDER BY b.queue_name
    LOOP
        RETURN QUERY
            SELECT target.queue_name, sent.id
            FROM pgmq._send_batch(target.queue_name, msgs, headers, delay) AS sent(id);
    END LOOP;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[])
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
    SELECT * FROM pgmq.send_batch_topic(routing_key, msgs, NULL::jsonb[], clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[])
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
    SELECT * FROM pgmq.send_batch_topic(routing_key, msgs, headers, clock_timestamp());
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], delay integer)
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
    SELECT * FROM pgmq.send_batch_topic(routing_key, msgs, NULL::jsonb[],
                                        clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], delay timestamptz)
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
    SELECT * FROM pgmq.send_batch_topic(routing_key, msgs, NULL::jsonb[], delay);
$$ LANGUAGE sql;

CREATE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay integer)
RETURNS TABLE (queue_name text, msg_id bigint) AS $$
    SELECT * FROM pgmq.send_batch_topic(routing_key, msgs, headers,
                                        clock_timestamp() + make_interval(secs => delay));
$$ LANGUAGE sql;

-- All bindings, newest first.
CREATE FUNCTION pgmq.list_topic_bindings()
RETURNS TABLE (pattern text, queue_name text, bound_at timestamptz, compiled_regex text) AS $$
    SELECT b.pattern, b.queue_name, b.bound_at, b.compiled_regex
    FROM pgmq.topic_bindings b
    ORDER BY b.bound_at DESC, b.pattern, b.queue_name;
$$ LANGUAGE sql STABLE;

-- The bindings of one queue, newest first.
CREATE FUNCTION pgmq.list_topic_bindings(queue_name text)
RETURNS TABLE (pattern text, queue_name text, bound_at timestamptz, compiled_regex text) AS $$
    SELECT b.pattern, b.queue_name, b.bound_at, b.compiled_regex
    FROM pgmq.topic_bindings b
    WHERE b.queue_name = list_topic_bindings.queue_name
    ORDER BY b.bound_at DESC, b.pattern;
$$ LANGUAGE sql STABLE;

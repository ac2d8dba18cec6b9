-- PGMQ database setup (pgmq-api.md A.2; upstream 20250810140001_pgmq_extensions_and_headers, the pgmq part cut
-- out of its initial schema at the split). Applied to the PGMQ database: the tasker database in single mode, a
-- database of its own in split mode.
--
-- Prerequisites: PostgreSQL 14+ and the pgmq extension (>= 1.5.1) installed on the server.
-- All objects below are created in schema public, never in schema pgmq.

-- ============================================================================
-- EXTENSIONS (A.2.1)
-- ============================================================================

CREATE EXTENSION IF NOT EXISTS pgmq CASCADE;

-- pg_uuidv7: upstream and the seed create it although nothing on the PGMQ side uses it. Project decision: create
-- it only where the server offers it, and go on with a NOTICE where it is not offered or this role may not
-- create it.
DO $uuidv7$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_uuidv7') THEN
        RAISE NOTICE 'pg_uuidv7 is not offered by this server; skipped (the PGMQ set does not use it)';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_uuidv7 CASCADE;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'role % may not create the pg_uuidv7 extension; skipped (the PGMQ set does not use it)',
            current_user;
    END;
END;
$uuidv7$;

-- ============================================================================
-- PGMQ HEADERS COLUMN SUPPORT (A.2.2 - A.2.5)
-- ============================================================================
-- pgmq >= 1.5.0 writes a headers jsonb column on every queue table; queue tables created by client libraries
-- that issue their own DDL (pgmq-rs, upstream's client) lack it, and pgmq.send then fails on them.

-- Adds headers to pgmq.q_<queue_name> when missing. Queue tables (q_) only, never archive tables (a_).
CREATE OR REPLACE FUNCTION pgmq_ensure_headers_column(queue_name TEXT)
RETURNS VOID AS $$
DECLARE
    full_table_name TEXT;
    column_exists BOOLEAN;
BEGIN
    full_table_name := 'q_' || queue_name;

    SELECT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'pgmq'
          AND table_name = full_table_name
          AND column_name = 'headers'
    ) INTO column_exists;

    IF NOT column_exists THEN
        EXECUTE format('ALTER TABLE pgmq.%I ADD COLUMN headers JSONB', full_table_name);
    END IF;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION pgmq_ensure_headers_column(TEXT) IS 'required by pgmq extension v1.5.1+';

-- Backfill (A.2.3, upstream's block; the seed's file lacks it): every existing queue table gets the column.
-- In LIKE '_' is a one-character wildcard, so 'q_%' also matches other names starting with q; harmless, only
-- pgmq's own tables live in schema pgmq (kept as upstream).
DO $backfill$
DECLARE
    queue_table RECORD;
BEGIN
    FOR queue_table IN
        SELECT tablename FROM pg_tables WHERE schemaname = 'pgmq' AND tablename LIKE 'q_%'
    LOOP
        PERFORM pgmq_ensure_headers_column(substring(queue_table.tablename from 3));
    END LOOP;
END;
$backfill$;

-- Event-trigger function: queue tables created later get the column at the end of their CREATE TABLE.
-- substring(... from 8) strips 'pgmq.q_'. Identities PostgreSQL prints quoted (pgmq."q_with-hyphen") do not
-- match the pattern and are skipped, as upstream.
CREATE OR REPLACE FUNCTION pgmq_auto_add_headers_trigger()
RETURNS event_trigger AS $$
DECLARE
    obj RECORD;
    queue_name TEXT;
BEGIN
    FOR obj IN SELECT * FROM pg_event_trigger_ddl_commands()
        WHERE command_tag = 'CREATE TABLE' AND schema_name = 'pgmq'
    LOOP
        IF obj.object_identity LIKE 'pgmq.q_%' THEN
            queue_name := substring(obj.object_identity from 8);
            PERFORM pgmq_ensure_headers_column(queue_name);
        END IF;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

-- The event trigger (A.2.5): the seed's name pgmq_headers_event_trigger; upstream's name
-- pgmq_headers_compatibility_trigger is dropped too, so a database first migrated by upstream keeps only ours.
-- Project fix: event triggers need a superuser; for any other role the drops and the create are skipped with a
-- NOTICE and the migration still succeeds (pgmq >= 1.5 creates headers itself; the backfill covers the rest).
DO $event_trigger$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
        RAISE NOTICE 'role % is not a superuser: headers event trigger pgmq_headers_event_trigger skipped',
            current_user;
        RETURN;
    END IF;

    DROP EVENT TRIGGER IF EXISTS pgmq_headers_compatibility_trigger;
    DROP EVENT TRIGGER IF EXISTS pgmq_headers_event_trigger;
    CREATE EVENT TRIGGER pgmq_headers_event_trigger
        ON ddl_command_end
        WHEN TAG IN ('CREATE TABLE')
        EXECUTE FUNCTION pgmq_auto_add_headers_trigger();
END;
$event_trigger$;

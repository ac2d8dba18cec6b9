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
-- <<< FUNCTIONS-OPS <<<

-- >>> DDL-TAIL >>>
-- <<< DDL-TAIL <<<


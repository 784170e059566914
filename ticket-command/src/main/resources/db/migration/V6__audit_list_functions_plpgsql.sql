-- The audit list's index expressions (V5) in PL/pgSQL, with the same results. As SQL functions, audit_actor and
-- audit_time could not be inlined (their bodies hold a stable conversion or cast inside an immutable function),
-- so every row written to the event table ran each body through the SQL-function executor, which parses and
-- plans it again for every statement: about a tenth of PostgreSQL's work per command in the benchmark's
-- profile (docs/benchmarks.md). PL/pgSQL keeps each expression's plan for the session. The functions keep their
-- identities, so the indexes and the list's queries stay as they are; the values are unchanged, so the indexes
-- need no rebuild.

CREATE OR REPLACE FUNCTION audit_actor(meta_data BYTEA) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    text_form TEXT := convert_from(meta_data, 'UTF8');
BEGIN
    IF text_form IS JSON OBJECT THEN
        RETURN text_form::JSONB ->> 'actor';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION audit_time(time_stamp TEXT) RETURNS TIMESTAMPTZ
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF time_stamp ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$' THEN
        RETURN time_stamp::TIMESTAMPTZ;
    END IF;
    RETURN NULL;
END
$$;

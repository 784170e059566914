-- The audit list (GET /api/audit, docs/audit.md) filters the event table by actor, event type and time, in
-- position order. Each filter reads an expression of stored columns; these functions name the expressions
-- once, for the indexes and the queries alike (the planner uses an index only for the very same expression).
-- Each answers NULL, not an error, for a value of another form than the service writes, so that an index does
-- not make the insert or update of such a row fail.

-- The actor in an event's metadata (JSON written by the service).
CREATE FUNCTION audit_actor(meta_data BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN convert_from(meta_data, 'UTF8') IS JSON OBJECT
            THEN convert_from(meta_data, 'UTF8')::JSONB ->> 'actor' END
$$;

-- The event type as the list names it: the stored class name's simple name.
CREATE FUNCTION audit_event_type(payload_type TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT regexp_replace(payload_type, '^.*\.', '')
$$;

-- The stored time stamp (ISO-8601 in UTC, as Instant.toString() writes it) as an instant. A text with its own
-- offset reads the same whatever the session's time zone or date style, so the cast is immutable on these
-- values; anything else is NULL.
CREATE FUNCTION audit_time(time_stamp TEXT) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN time_stamp ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$'
            THEN time_stamp::TIMESTAMPTZ END
$$;

-- With the position second, a filter's page is read in position order straight from its index.
CREATE INDEX domain_event_entry_audit_actor ON domain_event_entry (audit_actor(meta_data), global_index);
CREATE INDEX domain_event_entry_audit_type ON domain_event_entry (audit_event_type(payload_type), global_index);
CREATE INDEX domain_event_entry_audit_time ON domain_event_entry (audit_time(time_stamp), global_index);

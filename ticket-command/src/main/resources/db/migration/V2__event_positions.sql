-- An event's position (global_index) is its place in the store's commit order, as readers see it: the outbox
-- and every later reader of the whole store pass a position only once every smaller one is final (committed or
-- never to be). To know that, a position is handed out only to a transaction that already holds a transaction
-- id; a reader then waits until every transaction id below a snapshot's xmax has ended (see CommitHorizon).
CREATE FUNCTION next_event_position() RETURNS BIGINT
    LANGUAGE plpgsql VOLATILE
    SET search_path FROM CURRENT
AS $$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN nextval('domain_event_entry_global_index_seq');
END
$$;

ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT next_event_position();

-- How far the outbox has published: every event up to this position is acknowledged by Kafka.
CREATE TABLE outbox_cursor (
    name       VARCHAR(64) PRIMARY KEY,
    position   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The Kafka publisher no longer keeps an Axon tracking token: the outbox cursor replaces it. A store that had
-- one starts its cursor below the token's first gap (an event that may still have been unpublished), so nothing
-- is skipped; what is published again is a duplicate that consumers ignore. Without a readable token the cursor
-- starts at 0 and the outbox publishes the whole store again.
DO $$
BEGIN
    INSERT INTO outbox_cursor (name, position, updated_at)
    SELECT 'kafka',
           LEAST((token ->> 'index')::BIGINT,
                 COALESCE((SELECT min(gap::BIGINT) - 1 FROM jsonb_array_elements_text(token -> 'gaps') AS gap),
                          (token ->> 'index')::BIGINT)),
           now()
    FROM (SELECT convert_from(token, 'UTF8')::JSONB AS token
          FROM token_entry
          WHERE processor_name = 'kafka-publisher' AND token IS NOT NULL) AS tokens
    WHERE token ? 'index';
EXCEPTION WHEN others THEN
    RAISE NOTICE 'The Kafka publisher''s token is unreadable (%); the outbox publishes from position 0', SQLERRM;
END
$$;

DROP TABLE token_entry;

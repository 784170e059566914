-- The audit chain (docs/audit.md): every event carries the SHA-256 of its canonical bytes (event_hash) and the
-- hash of the event before it in its stream (previous_hash; 64 zero hex digits, i.e. 32 zero bytes, for the
-- first). A trigger computes both as the row is inserted, in the inserting transaction, whichever code writes
-- the row, so no writer can forget the chain; the verifier recomputes the same bytes in Java.

ALTER TABLE domain_event_entry ADD COLUMN event_hash BYTEA, ADD COLUMN previous_hash BYTEA;

-- One length-prefixed field of the canonical bytes: a 4-byte big-endian length, then the bytes; NULL is the
-- length -1 and no bytes, so that NULL and empty differ.
CREATE FUNCTION audit_field(value BYTEA) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(octet_length(value)) || value END
$$;

-- The canonical bytes of one event, exactly as docs/audit.md writes them out.
CREATE FUNCTION audit_canonical_bytes(aggregate_type TEXT, aggregate_identifier TEXT, version BIGINT,
                                      event_identifier TEXT, time_stamp TEXT, payload_type TEXT,
                                      payload_revision TEXT, payload BYTEA, meta_data BYTEA,
                                      previous_hash BYTEA) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE
AS $$
SELECT audit_field(convert_to('supportdesk.audit.event.v1', 'UTF8'))
    || audit_field(convert_to(aggregate_type, 'UTF8'))
    || audit_field(convert_to(aggregate_identifier, 'UTF8'))
    || int8send(version)
    || audit_field(convert_to(event_identifier, 'UTF8'))
    || audit_field(convert_to(time_stamp, 'UTF8'))
    || audit_field(convert_to(payload_type, 'UTF8'))
    || audit_field(convert_to(payload_revision, 'UTF8'))
    || audit_field(payload)
    || audit_field(meta_data)
    || audit_field(previous_hash)
$$;

-- Every stream's head (its last version and that event's hash), kept outside the event table and written in
-- the event's own transaction: a stream cut short, or deleted, no longer reaches its head.
CREATE TABLE stream_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    aggregate_type       VARCHAR(255),
    version              BIGINT      NOT NULL,
    hash                 BYTEA       NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION audit_chain_event() RETURNS TRIGGER
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequence_number = 0 THEN
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::BYTEA;
    ELSE
        SELECT event_hash INTO previous FROM domain_event_entry
        WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'stream % has no chained event at sequence %, cannot append sequence %',
                NEW.aggregate_identifier, NEW.sequence_number - 1, NEW.sequence_number;
        END IF;
    END IF;
    NEW.previous_hash := previous;
    NEW.event_hash := sha256(audit_canonical_bytes(NEW.type, NEW.aggregate_identifier, NEW.sequence_number + 1,
        NEW.event_identifier, NEW.time_stamp, NEW.payload_type, NEW.payload_revision, NEW.payload, NEW.meta_data,
        previous));
    -- A concurrent append of the same version waits here for the first one's transaction; it then fails on
    -- the stream key (domain_event_entry_stream), which rolls this update back with it.
    INSERT INTO stream_head (aggregate_identifier, aggregate_type, version, hash, updated_at)
    VALUES (NEW.aggregate_identifier, NEW.type, NEW.sequence_number + 1, NEW.event_hash, now())
    ON CONFLICT (aggregate_identifier) DO UPDATE
        SET version = excluded.version, hash = excluded.hash, aggregate_type = excluded.aggregate_type,
            updated_at = excluded.updated_at;
    RETURN NEW;
END
$$;

-- Events stored before the chain existed are chained once, here, in stream and version order; the count is
-- kept so that the first signed checkpoint can say how many events entered the chain this way.
CREATE TABLE audit_chain_origin (
    id               SMALLINT    PRIMARY KEY CHECK (id = 1),
    chained_events   BIGINT      NOT NULL,
    chained_at       TIMESTAMPTZ NOT NULL
);

DO $$
DECLARE
    row RECORD;
    stream TEXT := NULL;
    previous BYTEA;
    hash BYTEA;
    chained BIGINT := 0;
BEGIN
    FOR row IN SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                      payload_type, payload_revision, payload, meta_data
               FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number LOOP
        IF stream IS DISTINCT FROM row.aggregate_identifier THEN
            stream := row.aggregate_identifier;
            previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::BYTEA;
        END IF;
        hash := sha256(audit_canonical_bytes(row.type, row.aggregate_identifier, row.sequence_number + 1,
            row.event_identifier, row.time_stamp, row.payload_type, row.payload_revision, row.payload,
            row.meta_data, previous));
        UPDATE domain_event_entry SET event_hash = hash, previous_hash = previous
        WHERE global_index = row.global_index;
        previous := hash;
        chained := chained + 1;
    END LOOP;
    INSERT INTO stream_head (aggregate_identifier, aggregate_type, version, hash, updated_at)
    SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, type, sequence_number + 1, event_hash, now()
    FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number DESC;
    INSERT INTO audit_chain_origin (id, chained_events, chained_at) VALUES (1, chained, now());
END
$$;

CREATE TRIGGER audit_chain BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION audit_chain_event();

-- Signed checkpoints (docs/audit.md): the Merkle root over every stream's head, the event count, the time and
-- the previous checkpoint's hash, signed with a key that is not in the database. signed_bytes are what was
-- signed; the other columns repeat them for reading. Each checkpoint keeps the heads that changed since the
-- one before (audit_checkpoint_head): a checkpoint's full set is, per stream, its latest row up to it.
CREATE TABLE audit_checkpoint (
    sequence             BIGINT       PRIMARY KEY,
    signed_at            TIMESTAMPTZ  NOT NULL,
    streams              BIGINT       NOT NULL,
    events               BIGINT       NOT NULL,
    merkle_root          BYTEA        NOT NULL,
    previous_hash        BYTEA        NOT NULL,
    chained_by_migration BIGINT       NOT NULL,
    key_id               VARCHAR(64)  NOT NULL,
    signed_bytes         BYTEA        NOT NULL,
    signature            BYTEA        NOT NULL,
    hash                 BYTEA        NOT NULL,
    published            BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE audit_checkpoint_head (
    aggregate_identifier VARCHAR(255) NOT NULL,
    checkpoint_sequence  BIGINT       NOT NULL REFERENCES audit_checkpoint (sequence),
    version              BIGINT       NOT NULL,
    hash                 BYTEA        NOT NULL,
    PRIMARY KEY (aggregate_identifier, checkpoint_sequence)
);

-- Whole-store verifications run as jobs (GET /api/audit/verify/{id} shows their progress and result), so that
-- none depends on an HTTP timeout and any instance can answer for a job another one runs.
CREATE TABLE audit_verification (
    id              VARCHAR(36)  PRIMARY KEY,
    state           VARCHAR(16)  NOT NULL,
    requested_by    VARCHAR(64)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    streams_total   BIGINT       NOT NULL,
    streams_checked BIGINT       NOT NULL,
    events_checked  BIGINT       NOT NULL,
    result          TEXT
);

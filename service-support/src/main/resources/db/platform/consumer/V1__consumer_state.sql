-- The state of this service's consumers of the ticket topic, in the service's own schema, written in the same
-- transaction as what the consumer applies (read-model rows, saga state, deadlines). Migrated by its own Flyway
-- history (platform_schema_history), beside the service's own migrations.

-- Where each consumer goes on reading: the next offset of every partition it has read.
CREATE TABLE consumer_offset (
    consumer    VARCHAR(100) NOT NULL,
    topic       VARCHAR(249) NOT NULL,
    partition   INTEGER      NOT NULL,
    next_offset BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, topic, partition)
);

-- The last version each consumer applied of each stream (ticket), and where that event was on the topic. A
-- consumer applies version N only after N - 1; the row is locked while an event is applied, so that two
-- instances never apply the same event. blocked: the stream has parked events, later ones wait behind them.
CREATE TABLE consumer_stream (
    consumer      VARCHAR(100) NOT NULL,
    aggregate_id  VARCHAR(255) NOT NULL,
    version       BIGINT       NOT NULL,
    partition     INTEGER      NULL,
    record_offset BIGINT       NULL,
    blocked       BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, aggregate_id)
);

-- Events a consumer could not apply (FAILED, with the error) or that wait behind one, or behind a missing version
-- (WAITING). The record is kept whole, so a retry needs nothing from the topic.
CREATE TABLE consumer_parked (
    consumer       VARCHAR(100) NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    aggregate_type VARCHAR(255) NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    version        BIGINT       NOT NULL,
    event_type     VARCHAR(255) NULL,
    reason         VARCHAR(16)  NOT NULL,
    error          TEXT         NULL,
    attempts       INTEGER      NOT NULL,
    topic          VARCHAR(249) NOT NULL,
    partition      INTEGER      NOT NULL,
    record_offset  BIGINT       NOT NULL,
    record_key     TEXT         NULL,
    record_value   BYTEA        NULL,
    record_headers BYTEA        NOT NULL,
    parked_at      TIMESTAMPTZ  NOT NULL,
    last_attempt_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id),
    CONSTRAINT consumer_parked_reason CHECK (reason IN ('FAILED', 'WAITING'))
);
CREATE INDEX consumer_parked_stream ON consumer_parked (consumer, aggregate_id, version);

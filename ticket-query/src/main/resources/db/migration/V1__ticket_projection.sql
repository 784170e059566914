-- Axon's tracking tokens of this service: stored in the same transaction as the projection rows.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA        NULL,
    token_type     VARCHAR(255) NULL,
    timestamp      VARCHAR(255) NULL,
    owner          VARCHAR(255) NULL,
    PRIMARY KEY (processor_name, segment)
);

-- One row per ticket: every field of the queue item and the detail, plus the state of its SLA clocks.
CREATE TABLE ticket (
    id                     VARCHAR(100) PRIMARY KEY,
    version                BIGINT       NOT NULL,
    subject                TEXT         NOT NULL,
    description            TEXT         NULL,
    status                 VARCHAR(16)  NOT NULL,
    priority               VARCHAR(16)  NOT NULL,
    -- LOW 0 .. URGENT 3, for sort=-priority
    priority_rank          SMALLINT     NOT NULL,
    channel                VARCHAR(16)  NOT NULL,
    assignee               VARCHAR(255) NULL,
    group_name             VARCHAR(255) NULL,
    requester_name         TEXT         NULL,
    requester_email        TEXT         NULL,
    requester_phone        TEXT         NULL,
    customer_tier          VARCHAR(16)  NULL,
    tags                   TEXT[]       NOT NULL DEFAULT '{}',
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    resolution             TEXT         NULL,
    merged_into            VARCHAR(100) NULL,
    sla_policy             VARCHAR(255) NULL,
    first_response_due_at  TIMESTAMPTZ  NULL,
    next_response_due_at   TIMESTAMPTZ  NULL,
    resolution_due_at      TIMESTAMPTZ  NULL,
    sla_state              VARCHAR(16)  NOT NULL,
    escalation_level       INTEGER      NOT NULL DEFAULT 0,
    -- earliest due instant among the running clocks (null: none runs), for sort=dueAt
    due_at                 TIMESTAMPTZ  NULL,
    -- per metric: state, dueAt, warnAt, atRisk, breached; read and written only by the projection
    sla_clocks             JSONB        NOT NULL DEFAULT '{}'
);

CREATE INDEX ticket_due_idx ON ticket (due_at, id);
CREATE INDEX ticket_updated_idx ON ticket (updated_at DESC, id);
CREATE INDEX ticket_status_idx ON ticket (status);
CREATE INDEX ticket_assignee_idx ON ticket (assignee);
CREATE INDEX ticket_tags_idx ON ticket USING GIN (tags);

-- Replies, notes and customer messages; the event's version orders them and makes re-delivery harmless.
CREATE TABLE ticket_conversation (
    ticket_id VARCHAR(100) NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    version   BIGINT       NOT NULL,
    kind      VARCHAR(32)  NOT NULL,
    author    VARCHAR(255) NULL,
    at        TIMESTAMPTZ  NOT NULL,
    body      TEXT         NOT NULL,
    PRIMARY KEY (ticket_id, version)
);

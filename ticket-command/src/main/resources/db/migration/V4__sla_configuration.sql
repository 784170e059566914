-- Every version of every SLA policy and calendar, written in the transaction that stores its event, so that the
-- Ticket aggregate resolves the configuration as committed, with no wait for Kafka. change_no orders the policy
-- changes (they are serialised by an advisory lock): a ticket records the last one in force when it opens.
CREATE TABLE sla_policy_version (
    name        VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    change_no   BIGSERIAL    NOT NULL UNIQUE,
    active      BOOLEAN      NOT NULL,
    definition  TEXT         NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE sla_calendar_version (
    name        VARCHAR(64)  NOT NULL,
    version     BIGINT       NOT NULL,
    definition  TEXT         NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, version)
);

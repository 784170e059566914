-- Rebuilds of read models from the first event (POST /api/admin/projections/{name}/replay), newest last. At most
-- one runs at a time in this service (the partial unique index); one whose heartbeat stopped (its instance died)
-- is marked INTERRUPTED by the next request, which starts over.
CREATE TABLE projection_replay (
    id            VARCHAR(64)  PRIMARY KEY,
    projection    VARCHAR(100) NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    requested_by  VARCHAR(255) NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    heartbeat_at  TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ  NULL,
    events_done   BIGINT       NOT NULL DEFAULT 0,
    events_target BIGINT       NULL,
    error         TEXT         NULL,
    CONSTRAINT projection_replay_state CHECK (state IN ('RUNNING', 'SWITCHING', 'DONE', 'FAILED', 'INTERRUPTED'))
);
CREATE UNIQUE INDEX projection_replay_one_at_a_time ON projection_replay ((TRUE)) WHERE state IN ('RUNNING', 'SWITCHING');
CREATE INDEX projection_replay_started_idx ON projection_replay (projection, started_at DESC);

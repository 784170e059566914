-- The console's signed-in sessions, one row each, shared by every backend (every service reads the cookie).
-- The cookie's token is never stored, only its SHA-256: a copy of this table signs nobody in.
CREATE TABLE console_session (
    token_hash   BYTEA PRIMARY KEY,
    user_name    TEXT        NOT NULL,
    csrf_token   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX console_session_last_seen ON console_session (last_seen_at);

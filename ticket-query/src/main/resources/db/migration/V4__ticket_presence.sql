-- Who is on which ticket right now (the console's presence): one row per ticket and user, renewed by the console
-- every few seconds and gone when it stops. Every ticket-query instance reads and writes the same rows.
CREATE TABLE ticket_presence (
    ticket_id  TEXT        NOT NULL,
    user_name  TEXT        NOT NULL,
    activity   TEXT        NOT NULL,
    since      TIMESTAMPTZ NOT NULL,
    renewed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, user_name)
);

CREATE INDEX ticket_presence_renewed_at ON ticket_presence (renewed_at);

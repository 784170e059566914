-- Supervisor notifications that ticket-command asked for: one row per notification id, inserted once by the
-- consumer (a duplicate or replayed event finds the row and schedules nothing), updated by the delivery task
-- (its row in scheduled_tasks has the notification id as its instance id).
CREATE TABLE supervisor_notification (
    notification_id   TEXT                     PRIMARY KEY,
    ticket_id         TEXT                     NOT NULL,
    metric            TEXT                     NOT NULL,
    stage             TEXT                     NOT NULL,
    group_name        TEXT,
    -- A JSON array of user names.
    supervisors       TEXT                     NOT NULL,
    -- The policy's own webhook; null for the configured one.
    webhook_url       TEXT,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- PENDING (not tried or not failed yet), FAILING, DELIVERED, GAVE_UP
    state             TEXT                     NOT NULL,
    attempts          INTEGER                  NOT NULL DEFAULT 0,
    last_status       INTEGER,
    last_error        TEXT,
    first_failed_at   TIMESTAMP WITH TIME ZONE,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    delivered_at      TIMESTAMP WITH TIME ZONE,
    -- Whether ticket-command has recorded the failure, the delivery.
    failure_recorded  BOOLEAN                  NOT NULL DEFAULT FALSE,
    delivery_recorded BOOLEAN                  NOT NULL DEFAULT FALSE
);
CREATE INDEX supervisor_notification_open ON supervisor_notification (requested_at)
    WHERE NOT delivery_recorded;

-- What the webhook names of each ticket besides the event's facts: its subject and current priority.
CREATE TABLE notification_ticket (
    ticket_id TEXT PRIMARY KEY,
    subject   TEXT,
    priority  TEXT
);

-- Warnings and breaches that ticket-command has not recorded yet: one row per failing deadline, written by the
-- deadline task's failure handler and removed when a delivery is answered 200. Shared by every sla-monitor
-- instance; a row whose deadline is gone from scheduled_tasks (cancelled because the clock stopped) is stale.
CREATE TABLE pending_sla_command (
    deadline_task   TEXT                     NOT NULL,
    deadline_id     TEXT                     NOT NULL,
    ticket_id       TEXT                     NOT NULL,
    metric          TEXT                     NOT NULL,
    kind            TEXT                     NOT NULL,
    -- The breach's due instant, or the warning's warn instant.
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER                  NOT NULL,
    -- The last answer: HTTP status (null when nothing answered), the problem's reason and detail.
    last_status     INTEGER,
    last_reason     TEXT,
    last_detail     TEXT,
    first_failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The primary key of the deadline's row in scheduled_tasks.
    PRIMARY KEY (deadline_task, deadline_id)
);
CREATE INDEX pending_sla_command_due_at ON pending_sla_command (due_at);

-- The SLA-relevant timeline of every ticket (docs/ticket-query.md, "What-if"): what the report projection needs to
-- recompute a ticket's SLA outcomes under other policies and calendars. One row per event that moves a clock:
-- OPENED and PRIORITY_CHANGED carry the priority; PUBLIC_REPLY, CUSTOMER_MESSAGE, PENDING, RESUMED, RESOLVED,
-- REOPENED and MERGED only their instant. Keyed by the event's version, so that applying an event twice stores it
-- once; a what-if reads a ticket's rows in version order.
CREATE TABLE report_sla_step (
    ticket_id VARCHAR(100) NOT NULL,
    version   BIGINT       NOT NULL,
    at        TIMESTAMPTZ  NOT NULL,
    kind      VARCHAR(20)  NOT NULL,
    priority  VARCHAR(16)  NULL,
    PRIMARY KEY (ticket_id, version),
    CONSTRAINT report_sla_step_kind CHECK (kind IN ('OPENED', 'PRIORITY_CHANGED', 'PUBLIC_REPLY',
        'CUSTOMER_MESSAGE', 'PENDING', 'RESUMED', 'RESOLVED', 'REOPENED', 'MERGED'))
);

-- The report projection's facts (docs/ticket-query.md, "Reports"): one row per ticket and one row per span a
-- ticket spent unresolved. The reports aggregate them in SQL over an index on the instant they filter by, so a
-- report over a year of tickets reads only that year's rows and never loads them into the service.

-- One row per ticket, keyed and grouped by what the SLA report groups by. Outcomes are MET or BREACHED (null: the
-- clock has neither stopped nor breached); minutes are the working minutes the SLA counted when the clock stopped.
CREATE TABLE report_ticket (
    ticket_id              VARCHAR(100)  PRIMARY KEY,
    version                BIGINT        NOT NULL,
    opened_at              TIMESTAMPTZ   NOT NULL,
    channel                VARCHAR(16)   NOT NULL,
    priority               VARCHAR(16)   NOT NULL,
    customer_tier          VARCHAR(16)   NULL,
    assignee               VARCHAR(255)  NULL,
    group_name             VARCHAR(255)  NULL,
    first_response_outcome VARCHAR(16)   NULL,
    first_response_minutes NUMERIC(14,4) NULL,
    resolution_outcome     VARCHAR(16)   NULL,
    resolution_minutes     NUMERIC(14,4) NULL
);
CREATE INDEX report_ticket_opened_idx ON report_ticket (opened_at);

-- From the opening (or a reopening, at that event's version) until the resolution or the merge that ended it
-- (ended_at null: not resolved yet). The backlog at an instant is the spans started before it and not ended.
CREATE TABLE report_open_span (
    ticket_id  VARCHAR(100) NOT NULL,
    version    BIGINT       NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL,
    ended_at   TIMESTAMPTZ  NULL,
    end_kind   VARCHAR(16)  NULL,
    PRIMARY KEY (ticket_id, version),
    CONSTRAINT report_open_span_end_kind CHECK (end_kind IN ('RESOLVED', 'MERGED'))
);
CREATE INDEX report_open_span_started_idx ON report_open_span (started_at);
CREATE INDEX report_open_span_ended_idx ON report_open_span (ended_at) WHERE ended_at IS NOT NULL;

-- The queue's first page over a large read model (docs/ticket-query.md): every filter of GET /api/tickets finds
-- its rows through an index, and the filters agents use most read them already in the default order (due_at, id),
-- so the first page stops after its 25 rows instead of sorting every match. sort=-priority gets its own order.
-- Each index is written by every projected event (updated_at changes, so no update is HOT); the set stays small.
CREATE INDEX ticket_priority_order_idx ON ticket (priority_rank DESC, due_at ASC NULLS LAST, id);

DROP INDEX ticket_status_idx;
CREATE INDEX ticket_status_due_idx ON ticket (status, due_at, id);

DROP INDEX ticket_assignee_idx;
CREATE INDEX ticket_assignee_due_idx ON ticket (assignee, due_at, id);

CREATE INDEX ticket_group_due_idx ON ticket (group_name, due_at, id);
CREATE INDEX ticket_priority_due_idx ON ticket (priority, due_at, id);
CREATE INDEX ticket_channel_due_idx ON ticket (channel, due_at, id);
CREATE INDEX ticket_sla_state_due_idx ON ticket (sla_state, due_at, id);

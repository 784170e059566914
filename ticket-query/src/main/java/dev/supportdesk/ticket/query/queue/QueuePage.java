package dev.supportdesk.ticket.query.queue;

import java.util.List;

/** A page of the queue: {@code total} counts every ticket matching the filters. */
record QueuePage(List<QueueItem> items, int page, int size, long total) {}

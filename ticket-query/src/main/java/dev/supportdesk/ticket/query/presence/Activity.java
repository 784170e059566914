package dev.supportdesk.ticket.query.presence;

/** What someone present on a ticket is doing: reading it, or writing a reply. */
enum Activity {
    VIEWING,
    TYPING
}

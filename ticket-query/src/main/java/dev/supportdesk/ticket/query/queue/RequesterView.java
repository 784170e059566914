package dev.supportdesk.ticket.query.queue;

/** The customer who asked, as the API shows it. */
public record RequesterView(String name, String email, String phone) {}

package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** The customer wrote or called back; starts the next-response clock where the policy has one. */
@Revision("1")
public record CustomerMessageReceivedEvent(String ticketId, String body) {}

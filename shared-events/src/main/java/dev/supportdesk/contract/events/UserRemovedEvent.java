package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** A user the directory stream had recorded is no longer configured (found at start-up, recorded by the system). */
@Revision("1")
public record UserRemovedEvent(String directoryId, String userName) {}

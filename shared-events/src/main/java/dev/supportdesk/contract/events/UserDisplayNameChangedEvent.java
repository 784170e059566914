package dev.supportdesk.contract.events;

import org.axonframework.serialization.Revision;

/** A configured user's display name differs from the one last recorded (found at start-up, by the system). */
@Revision("1")
public record UserDisplayNameChangedEvent(
        String directoryId, String userName, String displayName, String previousDisplayName) {}

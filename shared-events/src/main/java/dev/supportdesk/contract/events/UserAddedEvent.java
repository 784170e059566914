package dev.supportdesk.contract.events;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * ticket-command found at start-up a configured user that the directory stream ({@code directory:users}) had not
 * recorded; recorded by the system, for the audit trail only (no service reacts to it).
 *
 * @param roles  the user's roles, sorted by name
 * @param groups the user's groups, sorted by name
 */
@Revision("1")
public record UserAddedEvent(
        String directoryId, String userName, String displayName, List<String> roles, List<String> groups) {}

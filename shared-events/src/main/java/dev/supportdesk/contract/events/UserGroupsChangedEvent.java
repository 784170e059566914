package dev.supportdesk.contract.events;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A configured user's groups differ from those last recorded (found at start-up, recorded by the system). */
@Revision("1")
public record UserGroupsChangedEvent(
        String directoryId, String userName, List<String> groups, List<String> previousGroups) {}

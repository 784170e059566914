package dev.supportdesk.ticket.command.directory;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The directory stream's one command: only this service sends it, at start-up, so it is its own. */
final class DirectoryCommands {

    /** The one directory stream: every configured user is recorded in it. */
    static final String DIRECTORY_ID = "directory:users";

    private DirectoryCommands() {}

    /**
     * A user as the directory records them: never a password or its hash.
     *
     * @param roles  sorted by name, so that the configured order is no difference
     * @param groups sorted by name
     */
    record ConfiguredUser(String name, String displayName, List<String> roles, List<String> groups) {

        ConfiguredUser {
            roles = roles.stream().sorted().toList();
            groups = groups.stream().sorted().toList();
        }
    }

    /** The users configured now; the directory records how they differ from the last recorded set. */
    record RecordConfiguredUsersCommand(
            @TargetAggregateIdentifier String directoryId, List<ConfiguredUser> users) {}
}

package dev.supportdesk.ticket.command.directory;

import dev.supportdesk.platform.security.DirectoryUser;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.security.UserDirectory;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.ConfiguredUser;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.RecordConfiguredUsersCommand;
import java.util.Collection;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, records how the configured users differ from the directory stream (docs/audit.md, "Users and
 * roles"). It runs outside any request, so the events carry the service itself as actor, role SYSTEM, source
 * SYSTEM. The service does not start when this fails: access changes must not go unrecorded.
 */
@Component
class ConfiguredUsersRecorder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsersRecorder.class);
    /** Another instance starting at the same time wins a race at most once per difference it records. */
    private static final int ATTEMPTS = 5;

    private final UserDirectory directory;
    private final CommandGateway gateway;

    ConfiguredUsersRecorder(UserDirectory directory, CommandGateway gateway) {
        this.directory = directory;
        this.gateway = gateway;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        record();
    }

    /** Answers the directory stream's version after recording. */
    long record() {
        List<ConfiguredUser> users = directory.users().stream()
                .map(ConfiguredUsersRecorder::configured)
                .toList();
        for (int attempt = 1; ; attempt++) {
            try {
                long version = ((Number) gateway.sendAndWait(
                                new RecordConfiguredUsersCommand(DirectoryCommands.DIRECTORY_ID, users)))
                        .longValue();
                log.info("User directory recorded: {} users configured, stream version {}", users.size(), version);
                return version;
            } catch (RuntimeException e) {
                // Another instance appended the same version first: decided again on its events.
                if (!lostARace(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
                log.info("Another instance recorded the user directory first; comparing again");
            }
        }
    }

    private static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    static ConfiguredUser configured(DirectoryUser user) {
        return new ConfiguredUser(user.name(), user.displayName(), names(user.roles()), List.copyOf(user.groups()));
    }

    private static List<String> names(Collection<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }
}

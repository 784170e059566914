package dev.supportdesk.ticket.command.directory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.supportdesk.contract.events.UserAddedEvent;
import dev.supportdesk.contract.events.UserDisplayNameChangedEvent;
import dev.supportdesk.contract.events.UserGroupsChangedEvent;
import dev.supportdesk.contract.events.UserRemovedEvent;
import dev.supportdesk.contract.events.UserRolesChangedEvent;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.ConfiguredUser;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.RecordConfiguredUsersCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The user directory as last recorded (docs/audit.md, "Users and roles"): the configured users are compared with it
 * at start-up and each difference becomes one event, so access changes are audited like ticket changes. The
 * stream's version decides between two instances that start at once: the second one's append of the same version
 * fails, and run again on the first one's events it finds nothing left to record.
 */
@Aggregate(type = Directory.AGGREGATE_TYPE)
public class Directory {

    static final String AGGREGATE_TYPE = "UserDirectory";

    @AggregateIdentifier
    private String directoryId;

    private final Map<String, ConfiguredUser> recorded = new TreeMap<>();

    protected Directory() {
        // Axon rebuilds the directory from its events
    }

    /** Answers the stream's version after the command (0 when nothing was ever recorded). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RecordConfiguredUsersCommand command) {
        String id = command.directoryId();
        Set<String> configured = new HashSet<>();
        for (ConfiguredUser user : command.users()) {
            configured.add(user.name());
            ConfiguredUser last = recorded.get(user.name());
            if (last == null) {
                apply(new UserAddedEvent(id, user.name(), user.displayName(), user.roles(), user.groups()));
                continue;
            }
            if (!last.displayName().equals(user.displayName())) {
                apply(new UserDisplayNameChangedEvent(id, user.name(), user.displayName(), last.displayName()));
            }
            if (!last.roles().equals(user.roles())) {
                apply(new UserRolesChangedEvent(id, user.name(), user.roles(), last.roles()));
            }
            if (!last.groups().equals(user.groups())) {
                apply(new UserGroupsChangedEvent(id, user.name(), user.groups(), last.groups()));
            }
        }
        // A copy: each apply changes the recorded set at once.
        for (String name : List.copyOf(recorded.keySet())) {
            if (!configured.contains(name)) {
                apply(new UserRemovedEvent(id, name));
            }
        }
        Long sequence = AggregateLifecycle.getVersion();
        return sequence == null ? 0 : sequence + 1;
    }

    @EventSourcingHandler
    void on(UserAddedEvent event) {
        directoryId = event.directoryId();
        recorded.put(
                event.userName(),
                new ConfiguredUser(event.userName(), event.displayName(), event.roles(), event.groups()));
    }

    @EventSourcingHandler
    void on(UserDisplayNameChangedEvent event) {
        ConfiguredUser last = recorded.get(event.userName());
        recorded.put(
                event.userName(), new ConfiguredUser(last.name(), event.displayName(), last.roles(), last.groups()));
    }

    @EventSourcingHandler
    void on(UserRolesChangedEvent event) {
        ConfiguredUser last = recorded.get(event.userName());
        recorded.put(
                event.userName(), new ConfiguredUser(last.name(), last.displayName(), event.roles(), last.groups()));
    }

    @EventSourcingHandler
    void on(UserGroupsChangedEvent event) {
        ConfiguredUser last = recorded.get(event.userName());
        recorded.put(
                event.userName(), new ConfiguredUser(last.name(), last.displayName(), last.roles(), event.groups()));
    }

    @EventSourcingHandler
    void on(UserRemovedEvent event) {
        recorded.remove(event.userName());
    }
}

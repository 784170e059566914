package dev.supportdesk.ticket.command.metadata;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.web.CorrelationId;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Stamps every command, on the dispatching (request) thread, with the authenticated principal, its role,
 * what that role permits on a ticket ({@link MetadataKeys#MAY_REASSIGN}, {@link MetadataKeys#MAY_ESCALATE})
 * and the request's correlation id. It replaces whatever metadata a caller put there, so nothing a client
 * sends can choose the actor recorded on the events or the permissions the aggregate checks; the aggregate
 * knows nothing of roles beyond these values.
 */
public final class ActorDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The actor of commands the service sends on its own, outside any request. */
    static final String SERVICE_ACTOR = "ticket-command";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(stamp());
    }

    private static Map<String, Object> stamp() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = SERVICE_ACTOR;
        Role role = Role.SYSTEM;
        if (authentication != null && authentication.isAuthenticated()) {
            Actor current = Actor.current();
            actor = current.name();
            role = current.role();
        }
        boolean supervises = role == Role.SUPERVISOR || role == Role.ADMIN;
        return Map.of(
                MetadataKeys.ACTOR,
                actor,
                MetadataKeys.ACTOR_ROLE,
                role.name(),
                MetadataKeys.MAY_REASSIGN,
                supervises,
                MetadataKeys.MAY_ESCALATE,
                supervises,
                MetadataKeys.CORRELATION_ID,
                CorrelationId.current());
    }
}

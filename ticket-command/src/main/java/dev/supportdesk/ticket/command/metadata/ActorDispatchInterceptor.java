package dev.supportdesk.ticket.command.metadata;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.security.ConsoleSession;
import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.web.CorrelationId;
import dev.supportdesk.platform.web.RequestId;
import java.util.HashMap;
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
 * the request's correlation id and id, and where the change came from ({@link MetadataKeys#SOURCE}, decided by
 * how the caller authenticated). It replaces whatever metadata a caller put there, so nothing a client
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
        String source = MetadataKeys.SOURCE_SYSTEM;
        if (authentication != null && authentication.isAuthenticated()) {
            Actor current = Actor.current();
            actor = current.name();
            role = current.role();
            source = sourceOf(authentication, role);
        }
        boolean supervises = role == Role.SUPERVISOR || role == Role.ADMIN;
        Map<String, Object> stamp = new HashMap<>();
        stamp.put(MetadataKeys.ACTOR, actor);
        stamp.put(MetadataKeys.ACTOR_ROLE, role.name());
        stamp.put(MetadataKeys.MAY_REASSIGN, supervises);
        stamp.put(MetadataKeys.MAY_ESCALATE, supervises);
        stamp.put(MetadataKeys.CORRELATION_ID, CorrelationId.current());
        stamp.put(MetadataKeys.SOURCE, source);
        // Outside a request there is no request id; an empty value replaces any a caller may have put there.
        stamp.put(MetadataKeys.REQUEST_ID, RequestId.current().orElse(""));
        return stamp;
    }

    /**
     * The session's authentication says it is one (the marker); only the SLA monitor's service account holds
     * SYSTEM; every other authenticated caller sent a credential with the request.
     */
    static String sourceOf(Authentication authentication, Role role) {
        if (authentication instanceof ConsoleSession) {
            return MetadataKeys.SOURCE_CONSOLE;
        }
        if (role == Role.SYSTEM) {
            return MetadataKeys.SOURCE_SLA_MONITOR;
        }
        return MetadataKeys.SOURCE_API;
    }
}

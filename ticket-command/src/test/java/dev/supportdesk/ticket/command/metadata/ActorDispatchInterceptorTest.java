package dev.supportdesk.ticket.command.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.commands.CloseTicketCommand;
import dev.supportdesk.platform.security.Role;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class ActorDispatchInterceptorTest {

    private final ActorDispatchInterceptor interceptor = new ActorDispatchInterceptor();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private MetaData dispatchAs(Role role) {
        if (role != null) {
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "someone", "secret", List.of(new SimpleGrantedAuthority(role.authority()))));
        }
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new CloseTicketCommand("T-1", null))
                .andMetaData(Map.of(
                        MetadataKeys.ACTOR,
                        "mallory",
                        MetadataKeys.MAY_REASSIGN,
                        true,
                        MetadataKeys.MAY_ESCALATE,
                        true));
        return interceptor.handle(List.of(command)).apply(0, command).getMetaData();
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"SUPERVISOR", "ADMIN"})
    void supervisorsAndAdminsMayReassignAndEscalate(Role role) {
        MetaData metadata = dispatchAs(role);
        assertThat(metadata)
                .containsEntry(MetadataKeys.ACTOR, "someone")
                .containsEntry(MetadataKeys.ACTOR_ROLE, role.name())
                .containsEntry(MetadataKeys.MAY_REASSIGN, true)
                .containsEntry(MetadataKeys.MAY_ESCALATE, true);
    }

    @Test
    void anAgentMayNeitherWhateverTheCallerPutInTheMetadata() {
        MetaData metadata = dispatchAs(Role.AGENT);
        assertThat(metadata)
                .containsEntry(MetadataKeys.ACTOR, "someone")
                .containsEntry(MetadataKeys.MAY_REASSIGN, false)
                .containsEntry(MetadataKeys.MAY_ESCALATE, false);
    }

    @Test
    void withoutARequestTheServiceActsAsTheSystemRoleTheContractNames() {
        MetaData metadata = dispatchAs(null);
        assertThat(MetadataKeys.SYSTEM_ROLE).isEqualTo(Role.SYSTEM.name());
        assertThat(metadata)
                .containsEntry(MetadataKeys.ACTOR, ActorDispatchInterceptor.SERVICE_ACTOR)
                .containsEntry(MetadataKeys.ACTOR_ROLE, MetadataKeys.SYSTEM_ROLE)
                .containsEntry(MetadataKeys.MAY_REASSIGN, false)
                .containsEntry(MetadataKeys.MAY_ESCALATE, false);
    }
}

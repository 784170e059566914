package dev.supportdesk.ticket.command.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.MetadataKeys;
import dev.supportdesk.contract.commands.CloseTicketCommand;
import dev.supportdesk.platform.security.ConsoleSession;
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
import org.springframework.security.authentication.AbstractAuthenticationToken;
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
                        true,
                        MetadataKeys.SOURCE,
                        "CONSOLE",
                        MetadataKeys.REQUEST_ID,
                        "forged"));
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

    @Test
    void aBasicCredentialIsTheApiAndTheServiceAccountIsTheSlaMonitor() {
        assertThat(dispatchAs(Role.AGENT)).containsEntry(MetadataKeys.SOURCE, MetadataKeys.SOURCE_API);
        SecurityContextHolder.clearContext();
        assertThat(dispatchAs(Role.SYSTEM)).containsEntry(MetadataKeys.SOURCE, MetadataKeys.SOURCE_SLA_MONITOR);
    }

    @Test
    void withoutARequestTheSourceIsTheSystemAndNoRequestIdIsKept() {
        MetaData metadata = dispatchAs(null);
        assertThat(metadata)
                .containsEntry(MetadataKeys.SOURCE, MetadataKeys.SOURCE_SYSTEM)
                .containsEntry(MetadataKeys.REQUEST_ID, "");
        Map<String, Object> onEvents = Map.copyOf(new EventMetadataProvider()
                .correlationDataFor(GenericCommandMessage.asCommandMessage(new CloseTicketCommand("T-1", null))
                        .andMetaData(metadata)));
        assertThat(onEvents)
                .containsEntry(MetadataKeys.SOURCE, MetadataKeys.SOURCE_SYSTEM)
                .doesNotContainKey(MetadataKeys.REQUEST_ID);
    }

    @Test
    void theConsolesSessionIsTheConsoleWhateverTheRole() {
        SecurityContextHolder.getContext().setAuthentication(new SessionAuthentication(Role.ADMIN));
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new CloseTicketCommand("T-1", null))
                .andMetaData(Map.of(MetadataKeys.SOURCE, "API"));
        assertThat(interceptor.handle(List.of(command)).apply(0, command).getMetaData())
                .containsEntry(MetadataKeys.SOURCE, MetadataKeys.SOURCE_CONSOLE)
                .containsEntry(MetadataKeys.ACTOR, "sam");
    }

    /** What the console's session filter puts in the security context: an authentication with the marker. */
    private static final class SessionAuthentication extends AbstractAuthenticationToken implements ConsoleSession {
        SessionAuthentication(Role role) {
            super(List.of(new SimpleGrantedAuthority(role.authority())));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "sam";
        }
    }
}

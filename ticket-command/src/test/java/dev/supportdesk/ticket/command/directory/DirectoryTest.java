package dev.supportdesk.ticket.command.directory;

import dev.supportdesk.contract.events.UserAddedEvent;
import dev.supportdesk.contract.events.UserDisplayNameChangedEvent;
import dev.supportdesk.contract.events.UserGroupsChangedEvent;
import dev.supportdesk.contract.events.UserRemovedEvent;
import dev.supportdesk.contract.events.UserRolesChangedEvent;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.ConfiguredUser;
import dev.supportdesk.ticket.command.directory.DirectoryCommands.RecordConfiguredUsersCommand;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    private static final String ID = DirectoryCommands.DIRECTORY_ID;
    private static final ConfiguredUser ALICE =
            new ConfiguredUser("alice", "Alice", List.of("AGENT"), List.of("tier1"));
    private static final ConfiguredUser SAM =
            new ConfiguredUser("sam", "Sam", List.of("SUPERVISOR", "AGENT"), List.of("tier1"));

    private AggregateTestFixture<Directory> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Directory.class);
    }

    private static RecordConfiguredUsersCommand configured(ConfiguredUser... users) {
        return new RecordConfiguredUsersCommand(ID, List.of(users));
    }

    private static UserAddedEvent added(ConfiguredUser user) {
        return new UserAddedEvent(ID, user.name(), user.displayName(), user.roles(), user.groups());
    }

    @Test
    void theFirstStartRecordsEveryConfiguredUserInConfigurationOrder() {
        fixture.givenNoPriorActivity()
                .when(configured(SAM, ALICE))
                .expectEvents(
                        new UserAddedEvent(ID, "sam", "Sam", List.of("AGENT", "SUPERVISOR"), List.of("tier1")),
                        added(ALICE))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theSameUsersInAnotherOrderRecordNothing() {
        ConfiguredUser reordered = new ConfiguredUser("sam", "Sam", List.of("AGENT", "SUPERVISOR"), List.of("tier1"));
        fixture.given(added(SAM), added(ALICE))
                .when(configured(ALICE, reordered))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void aChangedRoleRecordsExactlyThatChange() {
        ConfiguredUser promoted =
                new ConfiguredUser("alice", "Alice", List.of("AGENT", "SUPERVISOR"), List.of("tier1"));
        fixture.given(added(SAM), added(ALICE))
                .when(configured(SAM, promoted))
                .expectEvents(new UserRolesChangedEvent(ID, "alice", List.of("AGENT", "SUPERVISOR"), List.of("AGENT")))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aChangeRecordedOnceIsTheNewBaseline() {
        ConfiguredUser promoted = new ConfiguredUser("alice", "Alice", List.of("ADMIN"), List.of("tier1"));
        fixture.given(
                        added(SAM),
                        added(ALICE),
                        new UserRolesChangedEvent(ID, "alice", List.of("ADMIN"), List.of("AGENT")))
                .when(configured(SAM, promoted))
                .expectNoEvents();
    }

    @Test
    void displayNameGroupsAndRemovalsAreEachTheirOwnFact() {
        ConfiguredUser moved = new ConfiguredUser("alice", "Alice Smith", List.of("AGENT"), List.of("tier2"));
        fixture.given(added(SAM), added(ALICE))
                .when(configured(moved))
                .expectEvents(
                        new UserDisplayNameChangedEvent(ID, "alice", "Alice Smith", "Alice"),
                        new UserGroupsChangedEvent(ID, "alice", List.of("tier2"), List.of("tier1")),
                        new UserRemovedEvent(ID, "sam"));
    }

    @Test
    void aRemovedUserConfiguredAgainIsAddedAgain() {
        fixture.given(added(SAM), added(ALICE), new UserRemovedEvent(ID, "alice"))
                .when(configured(SAM, ALICE))
                .expectEvents(added(ALICE));
    }
}

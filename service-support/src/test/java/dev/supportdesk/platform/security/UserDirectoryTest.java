package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    @Test
    void knowsUsersGroupsAndSupervisors() {
        UserDirectory directory = new UserDirectory(properties(
                List.of(
                        user("sam", Set.of(Role.SUPERVISOR), Set.of("tier1")),
                        user("alice", Set.of(Role.AGENT), Set.of("tier1")),
                        user("sla-monitor", Set.of(Role.SYSTEM), Set.of())),
                List.of(group("tier1", "sam"))));

        assertThat(directory.find("alice")).map(DirectoryUser::groups).contains(Set.of("tier1"));
        assertThat(directory.find("nobody")).isEmpty();
        assertThat(directory.findGroup("tier1")).map(SupportGroup::supervisors).contains(List.of("sam"));
        assertThat(directory.people()).extracting(DirectoryUser::name).containsExactly("sam", "alice");
        assertThat(directory.users()).hasSize(3);
    }

    @Test
    void refusesAUserInAnUnknownGroup() {
        assertThatThrownBy(() -> new UserDirectory(
                        properties(List.of(user("alice", Set.of(Role.AGENT), Set.of("tier9"))), List.of())))
                .hasMessageContaining("unknown group tier9");
    }

    @Test
    void refusesAnUnknownSupervisorAndDuplicateUsers() {
        assertThatThrownBy(() -> new UserDirectory(properties(List.of(), List.of(group("tier1", "ghost")))))
                .hasMessageContaining("unknown supervisor ghost");
        assertThatThrownBy(() -> new UserDirectory(properties(
                        List.of(user("bob", Set.of(Role.AGENT), Set.of()), user("bob", Set.of(Role.ADMIN), Set.of())),
                        List.of())))
                .hasMessageContaining("configured twice");
    }

    @Test
    void refusesAUserWithoutRole() {
        assertThatThrownBy(() -> new UserDirectory(properties(List.of(user("bob", Set.of(), Set.of())), List.of())))
                .hasMessageContaining("no role");
    }

    @Test
    void namesTheMostPowerfulRoleAsPrimary() {
        assertThat(Role.primaryOf(Set.of(Role.AUDITOR, Role.AGENT))).isEqualTo(Role.AGENT);
        assertThat(Role.primaryOf(Set.of(Role.SUPERVISOR, Role.ADMIN))).isEqualTo(Role.ADMIN);
    }

    private static DirectoryProperties properties(
            List<DirectoryProperties.UserEntry> users, List<DirectoryProperties.GroupEntry> groups) {
        return new DirectoryProperties(users, groups);
    }

    private static DirectoryProperties.UserEntry user(String name, Set<Role> roles, Set<String> groups) {
        return new DirectoryProperties.UserEntry(name, null, "{noop}" + name, roles, groups);
    }

    private static DirectoryProperties.GroupEntry group(String name, String... supervisors) {
        return new DirectoryProperties.GroupEntry(name, List.of(supervisors));
    }
}

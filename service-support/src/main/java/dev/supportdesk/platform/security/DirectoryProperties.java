package dev.supportdesk.platform.security;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users, roles and groups from configuration: {@code support.directory.users} and {@code support.directory.groups}
 * (the users file {@code SUPPORT_USERS_FILE}, or the demo users with the {@code demo} profile). Checked as it is
 * bound, so that a typo stops the service instead of locking someone out later. A directory with nobody in it
 * is empty lists, not a default.
 */
@ConfigurationProperties("support.directory")
public record DirectoryProperties(List<UserEntry> users, List<GroupEntry> groups) {

    private static final String USER_NAME = "[A-Za-z0-9._@-]{1,64}";

    public DirectoryProperties {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        Set<String> groupNames = new HashSet<>();
        for (GroupEntry group : groups) {
            require(group.name() != null && !group.name().isBlank(), "a group without a name");
            require(groupNames.add(group.name()), "group " + group.name() + " is configured twice");
        }
        Set<String> userNames = new HashSet<>();
        for (UserEntry user : users) {
            require(user.name() != null && user.name().matches(USER_NAME), "invalid user name: " + user.name());
            require(userNames.add(user.name()), "user " + user.name() + " is configured twice");
            require(!user.roles().isEmpty(), "user " + user.name() + " has no role");
            for (String group : user.groups()) {
                require(groupNames.contains(group), "user " + user.name() + " is in unknown group " + group);
            }
        }
        for (GroupEntry group : groups) {
            for (String supervisor : group.supervisors()) {
                require(
                        userNames.contains(supervisor),
                        "group " + group.name() + " names unknown supervisor " + supervisor);
            }
        }
    }

    /**
     * @param displayName the name people see; the user name when not set
     * @param password    with its encoding prefix: {@code {bcrypt}...}, or {@code {noop}...} for demo users only;
     *                    a user without one cannot sign in
     */
    public record UserEntry(String name, String displayName, String password, Set<Role> roles, Set<String> groups) {

        public UserEntry {
            roles = roles == null ? Set.of() : unmodifiable(roles);
            groups = groups == null ? Set.of() : unmodifiable(groups);
        }
    }

    public record GroupEntry(String name, List<String> supervisors) {

        public GroupEntry {
            supervisors = supervisors == null ? List.of() : List.copyOf(supervisors);
        }
    }

    /** Keeps the configured order, which the directory lists users and groups in. */
    private static <T> Set<T> unmodifiable(Set<T> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("support.directory: " + problem);
        }
    }
}

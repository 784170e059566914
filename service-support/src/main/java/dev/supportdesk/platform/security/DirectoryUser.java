package dev.supportdesk.platform.security;

import java.util.Set;

/** A user as the directory knows them; the password never leaves the security configuration. */
public record DirectoryUser(String name, String displayName, Set<Role> roles, Set<String> groups) {

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public Role primaryRole() {
        return Role.primaryOf(roles);
    }
}

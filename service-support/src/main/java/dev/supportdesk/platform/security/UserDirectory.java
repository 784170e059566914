package dev.supportdesk.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users, roles and groups this service was configured with.
 */
public class UserDirectory {

    private final Map<String, DirectoryUser> users = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, SupportGroup> groups = new LinkedHashMap<>();

    /** The properties have been checked as they were bound (see {@link DirectoryProperties}). */
    public UserDirectory(DirectoryProperties properties) {
        for (DirectoryProperties.GroupEntry entry : properties.groups()) {
            groups.put(entry.name(), new SupportGroup(entry.name(), entry.supervisors()));
        }
        for (DirectoryProperties.UserEntry entry : properties.users()) {
            String name = entry.name();
            String displayName = entry.displayName() == null ? name : entry.displayName();
            users.put(name, new DirectoryUser(name, displayName, entry.roles(), entry.groups()));
            if (entry.password() != null && !entry.password().isBlank()) {
                passwords.put(name, entry.password());
            }
        }
    }

    public Optional<DirectoryUser> find(String name) {
        return Optional.ofNullable(name).map(users::get);
    }

    /** Every configured user, in configuration order, service accounts included. */
    public List<DirectoryUser> users() {
        return List.copyOf(users.values());
    }

    /** The people: every user but the platform's own service accounts. */
    public List<DirectoryUser> people() {
        List<DirectoryUser> people = new ArrayList<>();
        for (DirectoryUser user : users.values()) {
            if (!user.hasRole(Role.SYSTEM)) {
                people.add(user);
            }
        }
        return people;
    }

    public List<SupportGroup> groups() {
        return List.copyOf(groups.values());
    }

    public Optional<SupportGroup> findGroup(String name) {
        return Optional.ofNullable(name).map(groups::get);
    }

    Optional<String> encodedPassword(String name) {
        return Optional.ofNullable(passwords.get(name));
    }

    Set<String> names() {
        return Collections.unmodifiableSet(users.keySet());
    }
}

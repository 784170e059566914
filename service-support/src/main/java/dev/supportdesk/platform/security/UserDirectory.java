package dev.supportdesk.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users, roles and groups this service was configured with. Checked once at start-up, so that a
 * typo in the configuration stops the service instead of locking someone out later.
 */
public class UserDirectory {

    private final Map<String, DirectoryUser> users = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, SupportGroup> groups = new LinkedHashMap<>();

    public UserDirectory(DirectoryProperties properties) {
        for (DirectoryProperties.GroupEntry entry : properties.getGroups()) {
            require(entry.getName() != null && !entry.getName().isBlank(), "a group without a name");
            require(!groups.containsKey(entry.getName()), "group " + entry.getName() + " is configured twice");
            groups.put(entry.getName(), new SupportGroup(entry.getName(), List.copyOf(entry.getSupervisors())));
        }
        for (DirectoryProperties.UserEntry entry : properties.getUsers()) {
            String name = entry.getName();
            require(name != null && name.matches("[A-Za-z0-9._@-]{1,64}"), "invalid user name: " + name);
            require(!users.containsKey(name), "user " + name + " is configured twice");
            require(!entry.getRoles().isEmpty(), "user " + name + " has no role");
            for (String group : entry.getGroups()) {
                require(groups.containsKey(group), "user " + name + " is in unknown group " + group);
            }
            String displayName = entry.getDisplayName() == null ? name : entry.getDisplayName();
            users.put(name, new DirectoryUser(name, displayName, Collections.unmodifiableSet(new LinkedHashSet<>(entry.getRoles())),
                    Collections.unmodifiableSet(new LinkedHashSet<>(entry.getGroups()))));
            if (entry.getPassword() != null && !entry.getPassword().isBlank()) {
                passwords.put(name, entry.getPassword());
            }
        }
        for (SupportGroup group : groups.values()) {
            for (String supervisor : group.supervisors()) {
                require(users.containsKey(supervisor), "group " + group.name() + " names unknown supervisor " + supervisor);
            }
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("support.directory: " + problem);
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

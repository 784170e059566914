package dev.supportdesk.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Users, roles and groups from configuration: {@code support.directory.users} and {@code support.directory.groups}. */
@ConfigurationProperties("support.directory")
public class DirectoryProperties {

    private List<UserEntry> users = new ArrayList<>();
    private List<GroupEntry> groups = new ArrayList<>();

    public List<UserEntry> getUsers() {
        return users;
    }

    public void setUsers(List<UserEntry> users) {
        this.users = users;
    }

    public List<GroupEntry> getGroups() {
        return groups;
    }

    public void setGroups(List<GroupEntry> groups) {
        this.groups = groups;
    }

    public static class UserEntry {
        private String name;
        private String displayName;
        /** With its encoding prefix: {@code {bcrypt}...}, or {@code {noop}...} for demo users only. */
        private String password;
        private Set<Role> roles = new LinkedHashSet<>();
        private Set<String> groups = new LinkedHashSet<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Set<Role> getRoles() {
            return roles;
        }

        public void setRoles(Set<Role> roles) {
            this.roles = roles;
        }

        public Set<String> getGroups() {
            return groups;
        }

        public void setGroups(Set<String> groups) {
            this.groups = groups;
        }
    }

    public static class GroupEntry {
        private String name;
        private List<String> supervisors = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getSupervisors() {
            return supervisors;
        }

        public void setSupervisors(List<String> supervisors) {
            this.supervisors = supervisors;
        }
    }
}

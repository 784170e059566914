package dev.supportdesk.ticket.command.users;

import dev.supportdesk.platform.security.Role;
import dev.supportdesk.platform.security.UserDirectory;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The people who work tickets, for assignee pickers; the platform's service accounts are left out. */
@RestController
class UserController {

    record UserView(String name, String displayName, Set<Role> roles, Set<String> groups) {}

    private final UserDirectory directory;

    UserController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/users")
    @PreAuthorize("isAuthenticated()")
    List<UserView> users() {
        return directory.people().stream()
                .map(user -> new UserView(user.name(), user.displayName(), user.roles(), user.groups()))
                .toList();
    }
}

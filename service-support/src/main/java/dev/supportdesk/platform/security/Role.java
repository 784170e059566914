package dev.supportdesk.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;

/** What a user may do; see the roles table of the public API. SYSTEM is the platform's own processes. */
public enum Role {
    AGENT,
    SUPERVISOR,
    ANALYST,
    AUDITOR,
    ADMIN,
    SYSTEM;

    /** The order in which a user's roles are considered when one must be named as "the" role of an action. */
    private static final List<Role> PRECEDENCE = List.of(ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR, SYSTEM);

    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the authenticated caller holds this role (among others, perhaps). */
    public boolean heldBy(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(granted -> authority().equals(granted.getAuthority()));
    }

    /** The most powerful of the given roles, the one recorded as the actor's role on events. */
    public static Role primaryOf(Collection<Role> roles) {
        return PRECEDENCE.stream()
                .filter(roles::contains)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role"));
    }
}

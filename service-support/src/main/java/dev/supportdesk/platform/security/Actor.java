package dev.supportdesk.platform.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated principal of the current request and the role it acts in. */
public record Actor(String name, Role role) {

    /** The caller of the current request; fails when nobody is authenticated, which the filter chain prevents. */
    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException("caller " + authentication.getName() + " has no role");
        }
        return new Actor(authentication.getName(), Role.primaryOf(roles));
    }
}

package dev.supportdesk.platform.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with nothing but the platform's security and one endpoint that names the caller. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SecurityTestApp.WhoAmI.class)
class SecurityTestApp {

    @RestController
    static class WhoAmI {
        @GetMapping("/api/whoami")
        Actor whoAmI() {
            return Actor.current();
        }
    }
}

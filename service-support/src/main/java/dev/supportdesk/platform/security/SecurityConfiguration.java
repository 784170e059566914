package dev.supportdesk.platform.security;

import dev.supportdesk.platform.web.ProblemWriter;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every backend authenticates its callers itself, with HTTP Basic against the configured directory or with the
 * console's session cookie (checked against the shared session table, see {@link SessionConfiguration}); no
 * backend trusts a user name passed in a header. What each role may do is declared on the endpoints
 * with {@code @PreAuthorize}. Outside the demo profile only bcrypt hashes are accepted in the directory; a
 * checked password is remembered briefly ({@link CachingPasswordEncoder}) and failed sign-ins are slowed
 * ({@link SignInThrottle}).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableConfigurationProperties({DirectoryProperties.class, SignInProperties.class})
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    /** Outside the demo profile, a directory with a password that is not a bcrypt hash stops the service. */
    @Bean
    UserDirectory userDirectory(DirectoryProperties properties, Environment environment) {
        UserDirectory directory = new UserDirectory(properties);
        new PasswordPolicy(environment.acceptsProfiles(Profiles.of(DirectorySourcesPostProcessor.DEMO_PROFILE)))
                .check(directory);
        return directory;
    }

    /** Remembers at most as many checked passwords as the throttle remembers failing users and clients. */
    @Bean
    PasswordEncoder passwordEncoder(SignInProperties signIn) {
        return new CachingPasswordEncoder(
                PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                signIn.credentialCacheTtl(),
                Clock.systemUTC(),
                signIn.trackedSignIns());
    }

    @Bean
    @ConditionalOnMissingBean
    SignInThrottle.Pause signInPause() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    @Bean
    SignInThrottle signInThrottle(SignInProperties signIn, SignInThrottle.Pause pause) {
        return new SignInThrottle(signIn, Clock.systemUTC(), pause);
    }

    /** A sign-in that succeeds clears its user's and client's failures. */
    @Bean
    ApplicationListener<AuthenticationSuccessEvent> signInSuccesses(SignInThrottle throttle) {
        return event -> {
            Authentication authentication = event.getAuthentication();
            if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
                throttle.succeeded(authentication.getName(), details.getRemoteAddress());
            }
        };
    }

    @Bean
    UserDetailsService userDetailsService(UserDirectory directory) {
        return name -> directory
                .find(name)
                .flatMap(user -> directory
                        .encodedPassword(user.name())
                        .map(password -> User.withUsername(user.name())
                                .password(password)
                                .authorities(user.roles().stream()
                                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                                        .toList())
                                .build()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ProblemWriter problems,
            SignInThrottle throttle,
            UserDirectory directory,
            ObjectProvider<ConsoleSessions> sessions)
            throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, throttle);
        ConsoleSessions consoleSessions = sessions.getIfAvailable();
        if (consoleSessions != null) {
            http.addFilterAfter(
                    new SessionCookieFilter(consoleSessions, directory, problems), BasicAuthenticationFilter.class);
        }
        // Spring's CSRF protection is off: Basic calls need none, and SessionCookieFilter checks the session's
        // token on every state-changing call made with the cookie.
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(handlers))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/error", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        // Signing in needs no authentication; reading or ending a session answers for itself.
                        .requestMatchers(SessionCookies.SIGN_IN_PATH)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }
}

package dev.supportdesk.platform.security;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's sessions, in every service that has a database (all backends): each reads the shared session
 * table to accept the cookie, and the one that serves {@code /api/session} opens and ends sessions in it.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionConfiguration {

    @Bean
    ConsoleSessions consoleSessions(DataSource dataSource, SessionProperties properties) {
        SessionSchema.migrate(dataSource);
        return new ConsoleSessions(new JdbcTemplate(dataSource), properties);
    }

    /**
     * Spring's own password check: an unknown user costs the same hash as a known one, so the time of the answer
     * does not tell which part was wrong.
     */
    @Bean
    ConsoleSignIn consoleSignIn(
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            UserDirectory directory,
            ConsoleSessions sessions,
            SignInThrottle throttle,
            SessionProperties properties) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ConsoleSignIn(passwords, directory, sessions, throttle, properties);
    }
}

package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Outside the demo profile: bcrypt users sign in, and failed sign-ins are slowed without locking anyone out. */
@SpringBootTest(
        classes = {SecurityTestApp.class, PasswordSignInTest.RecordedPauses.class},
        properties = "support.kafka.topic-management.enabled=false")
@AutoConfigureMockMvc
class PasswordSignInTest {

    private static final String PASSWORD = "a long operator passphrase";

    @DynamicPropertySource
    static void bcryptUsers(DynamicPropertyRegistry registry) {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(10).encode(PASSWORD);
        registry.add("support.directory.users[0].name", () -> "ops");
        registry.add("support.directory.users[0].password", () -> hash);
        registry.add("support.directory.users[0].roles[0]", () -> "ADMIN");
    }

    @TestConfiguration
    static class RecordedPauses {
        static final List<Duration> PAUSES = new CopyOnWriteArrayList<>();

        @Bean
        SignInThrottle.Pause recordingPause() {
            return PAUSES::add;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    SignInThrottle throttle;

    @BeforeEach
    void startAfresh() {
        RecordedPauses.PAUSES.clear();
        throttle.succeeded("ops", "127.0.0.1");
        throttle.succeeded("ops", "10.0.0.9");
    }

    private static MockHttpServletRequestBuilder whoAmI(String user, String password, String client) {
        return get("/api/whoami")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .with(request -> {
                    request.setRemoteAddr(client);
                    return request;
                });
    }

    @Test
    void aBcryptUserSignsInWithThePasswordAndNotWithoutIt() throws Exception {
        mvc.perform(whoAmI("ops", PASSWORD, "127.0.0.1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("ops"))
                .andExpect(jsonPath("$.role").value("ADMIN"));
        mvc.perform(whoAmI("ops", "not it", "127.0.0.1")).andExpect(status().isUnauthorized());
        mvc.perform(whoAmI("nobody", PASSWORD, "127.0.0.1")).andExpect(status().isUnauthorized());
    }

    @Test
    void checkedPasswordsAreRememberedBrieflyByTheEncoderInUse() {
        assertThat(passwordEncoder).isInstanceOf(CachingPasswordEncoder.class);
    }

    @Test
    void slowsRepeatedFailuresOfOneUserFromOneClientButNeverTheRightPassword() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(whoAmI("ops", "guess-" + i, "127.0.0.1")).andExpect(status().isUnauthorized());
        }
        assertThat(RecordedPauses.PAUSES).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));

        // Another client is not slowed by these failures, and the right password is accepted at once.
        mvc.perform(whoAmI("ops", "guess-x", "10.0.0.9")).andExpect(status().isUnauthorized());
        mvc.perform(whoAmI("ops", PASSWORD, "127.0.0.1")).andExpect(status().isOk());
        assertThat(RecordedPauses.PAUSES).hasSize(2);

        // The success started afresh: the next mistake is answered at once.
        mvc.perform(whoAmI("ops", "typo", "127.0.0.1")).andExpect(status().isUnauthorized());
        assertThat(RecordedPauses.PAUSES).hasSize(2);
    }

    @Test
    void aRequestWithoutCredentialsIsNoFailedSignIn() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/whoami")).andExpect(status().isUnauthorized());
        }
        assertThat(RecordedPauses.PAUSES).isEmpty();
    }
}

package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordPolicyTest {

    private static final String BCRYPT_10 = "{bcrypt}" + new BCryptPasswordEncoder(10).encode("correct horse");

    @Test
    void acceptsPlainTextDemoUsersWithTheDemoProfile() {
        assertThatCode(() -> new PasswordPolicy(true).check(directory("alice", "{noop}alice")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAPlainTextPasswordOutsideTheDemoProfileNamingTheUser() {
        UnsafePasswordException refused = refused(directory("admin", "{noop}admin-secret"));

        assertThat(refused.problems())
                .singleElement()
                .asString()
                .contains("user 'admin'")
                .contains("{noop}")
                .contains("demo profile")
                .contains("{bcrypt}");
        assertThat(refused).hasMessageNotContaining("admin-secret");
    }

    @Test
    void acceptsABcryptHashOfCostTenOrMore() {
        assertThatCode(() -> new PasswordPolicy(false).check(directory("sam", BCRYPT_10)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new PasswordPolicy(false)
                        .check(directory(
                                "sam",
                                "{bcrypt}"
                                        + new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 12)
                                                .encode("x"))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesOtherEncodingsWeakOrMalformedHashesAndBareValues() {
        String cheap = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x");
        UnsafePasswordException refused = refused(directory(
                "a",
                "{sha256}0123456789abcdef",
                "b",
                cheap,
                "c",
                "{bcrypt}not-a-hash",
                "d",
                "plain-secret",
                "e",
                "{MD5}{salt}5f4dcc3b5aa765d61d8327deb882cf99",
                "f",
                BCRYPT_10));

        assertThat(refused.problems()).hasSize(5);
        assertThat(refused.problems().get(0)).contains("user 'a'").contains("{sha256}");
        assertThat(refused.problems().get(1)).contains("user 'b'").contains("cost 4");
        assertThat(refused.problems().get(2)).contains("user 'c'").contains("not a bcrypt hash");
        assertThat(refused.problems().get(3)).contains("user 'd'").contains("without an encoding prefix");
        assertThat(refused.problems().get(4)).contains("user 'e'").contains("{MD5}");
        assertThat(refused.getMessage())
                .doesNotContain("plain-secret")
                .doesNotContain("0123456789abcdef")
                .doesNotContain("not-a-hash")
                .doesNotContain("user 'f'");
    }

    @Test
    void theHashToolMakesValuesThePolicyAcceptsAndThatMatch() {
        String value = PasswordHash.hash("tool made", PasswordHash.DEFAULT_COST);

        assertThatCode(() -> new PasswordPolicy(false).check(directory("ops", value)))
                .doesNotThrowAnyException();
        assertThat(new BCryptPasswordEncoder().matches("tool made", value.substring("{bcrypt}".length())))
                .isTrue();
    }

    @Test
    void aUserWithoutPasswordCannotSignInAndIsNoProblem() {
        assertThatCode(() -> new PasswordPolicy(false).check(directory("reader", null)))
                .doesNotThrowAnyException();
    }

    @Test
    void theStartUpReportNamesEveryUserAndWhatToDo() {
        UnsafePasswordException refused = refused(directory("admin", "{noop}admin", "sla-monitor", "{noop}sla"));

        var analysis = new UnsafePasswordFailureAnalyzer().analyze(new IllegalStateException("wrapped", refused));

        assertThat(analysis.getDescription()).contains("user 'admin'").contains("user 'sla-monitor'");
        assertThat(analysis.getAction())
                .contains("bcrypt")
                .contains("SUPPORT_USERS_FILE")
                .contains("demo profile");
    }

    private static UnsafePasswordException refused(UserDirectory directory) {
        return catchThrowableOfType(UnsafePasswordException.class, () -> new PasswordPolicy(false).check(directory));
    }

    /** Pairs of user name and stored password. */
    private static UserDirectory directory(String... namesAndPasswords) {
        List<DirectoryProperties.UserEntry> users = new ArrayList<>();
        for (int i = 0; i < namesAndPasswords.length; i += 2) {
            users.add(new DirectoryProperties.UserEntry(
                    namesAndPasswords[i], null, namesAndPasswords[i + 1], Set.of(Role.AGENT), Set.of()));
        }
        return new UserDirectory(new DirectoryProperties(users, List.of()));
    }
}

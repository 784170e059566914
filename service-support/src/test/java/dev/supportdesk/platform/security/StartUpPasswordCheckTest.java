package dev.supportdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The directory's passwords are checked when a service starts, against its real start-up. */
class StartUpPasswordCheckTest {

    private static final String[] SERVER = {
        "--server.port=0", "--server.address=127.0.0.1", "--support.kafka.topic-management.enabled=false"
    };

    @Test
    void refusesToStartOutsideTheDemoProfileWithAPlainTextPasswordNamingTheUser() {
        Throwable failure = catchThrowable(() -> start(
                        new SpringApplicationBuilder(SecurityTestApp.class).profiles("prod"),
                        "--support.directory.users[0].name=admin",
                        "--support.directory.users[0].password={noop}admin",
                        "--support.directory.users[0].roles[0]=ADMIN")
                .close());

        assertThat(failure).isNotNull();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause)
                .isInstanceOf(UnsafePasswordException.class)
                .hasMessageContaining("user 'admin'")
                .hasMessageContaining("{noop}");
    }

    @Test
    void readsBcryptUsersFromTheUsersFileAndRefusesAPlainTextOneThere(@TempDir Path folder) throws Exception {
        Path hashed = folder.resolve("hashed.yml");
        Files.writeString(hashed, users("{bcrypt}" + new BCryptPasswordEncoder(10).encode("ops secret")));
        try (ConfigurableApplicationContext context = start(
                new SpringApplicationBuilder(SecurityTestApp.class).profiles("prod"),
                "--SUPPORT_USERS_FILE=" + hashed)) {
            assertThat(context.getBean(UserDirectory.class).find("ops")).isPresent();
        }

        Path plain = folder.resolve("plain.yml");
        Files.writeString(plain, users("{noop}ops secret"));
        Throwable failure = catchThrowable(() -> start(
                        new SpringApplicationBuilder(SecurityTestApp.class).profiles("prod"),
                        "--SUPPORT_USERS_FILE=" + plain)
                .close());
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(UnsafePasswordException.class)
                .hasMessageContaining("user 'ops'")
                .hasMessageNotContaining("ops secret");
    }

    private static String users(String password) {
        return "support:\n  directory:\n    users:\n" + "      - {name: ops, password: \"" + password
                + "\", roles: [ADMIN]}\n";
    }

    @Test
    void startsWithThePlainTextDemoUsersInTheDemoProfile() {
        try (ConfigurableApplicationContext context =
                start(new SpringApplicationBuilder(SecurityTestApp.class).profiles("demo"))) {
            assertThat(context.getBean(UserDirectory.class).find("admin")).isPresent();
        }
    }

    @Test
    void theDemoUsersNeverLoadWithoutTheDemoProfile() {
        try (ConfigurableApplicationContext context =
                start(new SpringApplicationBuilder(SecurityTestApp.class).profiles("prod"))) {
            assertThat(context.getBean(UserDirectory.class).users()).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... args) {
        String[] all = new String[SERVER.length + args.length];
        System.arraycopy(SERVER, 0, all, 0, SERVER.length);
        System.arraycopy(args, 0, all, SERVER.length, args.length);
        return builder.run(all);
    }
}

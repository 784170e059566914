package dev.supportdesk.e2e;

import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole platform once per test JVM, the way the local start does (PostgreSQL, a Kafka broker
 * process, every service as its own JVM), on free loopback ports, and shares it with every end-to-end
 * class. JUnit closes it when the last test of the run has finished (root store resource).
 * Test methods and constructors receive a {@link SupportDesk}.
 */
final class PlatformExtension implements ParameterResolver {

    /** The URGENT first-response target in these tests, so that a breach happens while a test watches. */
    static final String URGENT_FIRST_RESPONSE = "PT2S";

    /** sla-monitor's service password here: not the demo default, so that an answer leaking it is caught. */
    static final String SLA_MONITOR_PASSWORD = "sla-e2e-Kq8v2Rw7xP";
    /** The database password here, for the same reason. */
    static final String DATABASE_PASSWORD = "db-e2e-Zt4m9Lc3nW";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SupportDesk.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPlatform.class, key -> SharedPlatform.start(), SharedPlatform.class)
                .desk();
    }

    /** The running platform as a store resource: JUnit calls close() once, at the very end of the run. */
    static final class SharedPlatform implements ExtensionContext.Store.CloseableResource {

        private final LocalPlatform platform;
        private final SupportDesk desk;

        private SharedPlatform(LocalPlatform platform) {
            this.platform = platform;
            this.desk = new SupportDesk(platform);
        }

        static SharedPlatform start() {
            LocalPlatform platform = TestPlatforms.builder("platform-data")
                    .serviceArguments(
                            Service.TICKET_COMMAND,
                            "--support.sla.default-policy.targets.URGENT.first-response=" + URGENT_FIRST_RESPONSE)
                    .serviceArguments(
                            Service.SLA_MONITOR,
                            "--support.sla.notifications.webhook-url="
                                    + SupervisorWebhook.shared().url(),
                            "--support.sla.notifications.first-retry=1s")
                    .serviceEnvironment("SLA_MONITOR_PASSWORD", SLA_MONITOR_PASSWORD)
                    .database("supportdesk", DATABASE_PASSWORD)
                    .build();
            // Should the test JVM be told to exit early (Maven interrupted), the children still stop.
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-shutdown"));
            platform.start();
            return new SharedPlatform(platform);
        }

        SupportDesk desk() {
            return desk;
        }

        @Override
        public void close() {
            platform.close();
            SupervisorWebhook.shared().close();
        }
    }
}

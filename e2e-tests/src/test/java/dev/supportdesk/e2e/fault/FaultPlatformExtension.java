package dev.supportdesk.e2e.fault;

import dev.supportdesk.e2e.TestPlatforms;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the platform a fault or instance test needs, once per test JVM, the way the local start does
 * (PostgreSQL run durably, a Kafka broker process, every service instance its own JVM with the e2e JVM
 * flags) on free loopback ports, and hands it to constructors and methods as a {@link FaultPlatform}.
 * After each test it starts again whatever the test left stopped or killed, so that one failed test
 * does not take the next one's platform down with it. JUnit closes the platform at the end of the run.
 */
final class FaultPlatformExtension implements ParameterResolver, AfterEachCallback {

    /** The URGENT first-response target on these platforms: deadlines come due while a test watches. */
    static final String URGENT_FIRST_RESPONSE = "PT5S";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context).desk();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        shared(context).desk().startWhatIsDown();
    }

    private static Shared shared(ExtensionContext context) {
        boolean instances = context.getRequiredTestClass().isAnnotationPresent(InstancesTest.class);
        Startup startup = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        instances ? "instances-platform" : "fault-platform",
                        key -> Startup.attempt(instances),
                        Startup.class);
        return startup.platform();
    }

    /**
     * A start-up that failed is remembered: every later test of the run fails with the same cause at
     * once, instead of starting the whole platform again only to fail again.
     */
    static final class Startup implements ExtensionContext.Store.CloseableResource {

        private final Shared shared;
        private final RuntimeException failure;

        private Startup(Shared shared, RuntimeException failure) {
            this.shared = shared;
            this.failure = failure;
        }

        static Startup attempt(boolean severalInstances) {
            try {
                return new Startup(Shared.start(severalInstances), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        Shared platform() {
            if (failure != null) {
                throw new IllegalStateException(
                        "The platform of these tests did not start: " + failure.getMessage(), failure);
            }
            return shared;
        }

        @Override
        public void close() {
            if (shared != null) {
                shared.close();
            }
        }
    }

    /** The running platform; its {@link Startup} closes it once, at the very end of the run. */
    static final class Shared {

        private final LocalPlatform platform;
        private final FaultPlatform desk;

        private Shared(LocalPlatform platform) {
            this.platform = platform;
            this.desk = new FaultPlatform(platform);
        }

        static Shared start(boolean severalInstances) {
            LocalPlatform.Builder builder = TestPlatforms.builder(
                            severalInstances ? "instances-platform-data" : "fault-platform-data")
                    .serviceArguments(
                            Service.TICKET_COMMAND,
                            "--support.sla.default-policy.targets.URGENT.first-response=" + URGENT_FIRST_RESPONSE);
            if (severalInstances) {
                builder.instances(Service.TICKET_COMMAND, 2)
                        .instances(Service.TICKET_QUERY, 2)
                        .instances(Service.SLA_MONITOR, 2);
            }
            LocalPlatform platform = builder.build();
            // Should the test JVM be told to exit early (Maven interrupted), the children still stop.
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "fault-platform-shutdown"));
            platform.start();
            return new Shared(platform);
        }

        FaultPlatform desk() {
            return desk;
        }

        void close() {
            platform.close();
        }
    }

    /** For diagnosis in messages: which parts run. */
    static String describe(LocalPlatform platform) {
        StringBuilder text = new StringBuilder();
        for (PlatformProcess part : platform.processes()) {
            text.append(part.name())
                    .append(part.isRunning() ? " up " + part.pids() : " DOWN")
                    .append("; ");
        }
        return text.toString();
    }
}

package dev.supportdesk.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local start, run by {@code ./run.sh} with the jar and {@code platform-launcher/target/lib/*} on the
 * classpath. Starts PostgreSQL,
 * Kafka and every service, prints where to go and who may sign in, and stops everything on Ctrl-C.
 * Configured by environment variables (see docs/running.md).
 */
public final class Platform {

    private Platform() {}

    public static void main(String[] args) {
        LocalPlatform platform;
        try {
            platform = LocalPlatform.builder()
                    .rootDirectory(repositoryRoot())
                    .fromEnvironment(System.getenv())
                    .build();
        } catch (PlatformException e) {
            System.err.println("[platform] " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook runs on Ctrl-C and on SIGTERM; it stops the children in order, each by its own handle.
        Thread hook = new Thread(
                () -> {
                    try {
                        platform.close();
                        System.out.println("[platform] Stopped.");
                    } catch (RuntimeException e) {
                        System.err.println("[platform] " + e.getMessage());
                    } finally {
                        stopped.countDown();
                    }
                },
                "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.start();
        } catch (PlatformException e) {
            System.err.println();
            System.err.println("[platform] Start failed: " + e.getMessage());
            // start() already stopped what it had started; exit without running the hook a second time.
            Runtime.getRuntime().removeShutdownHook(hook);
            System.exit(1);
            return;
        }
        printWelcome(platform);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printWelcome(LocalPlatform platform) {
        String line = "=".repeat(72);
        System.out.println();
        System.out.println(line);
        System.out.println(" Support desk is running: " + platform.edgeUrl());
        System.out.println();
        System.out.println(" Demo users (password = user name):");
        System.out.println("   alice, bob   AGENT       group tier1");
        System.out.println("   sam          SUPERVISOR  groups tier1, tier2");
        System.out.println("   tina         AGENT       group tier2");
        System.out.println("   ana          ANALYST");
        System.out.println("   audrey       AUDITOR");
        System.out.println("   admin        ADMIN");
        System.out.println();
        System.out.println(" Try: curl -u alice:alice " + platform.edgeUrl() + "/api/tickets");
        System.out.println(" Data: " + platform.dataDirectory() + "   Logs: " + platform.logDirectory());
        System.out.println(" PostgreSQL: " + platform.jdbcUrl() + "   Kafka: " + platform.kafkaBootstrapServers());
        for (Service service : Service.values()) {
            if (service.isBackend() && platform.instanceCount(service) > 1) {
                List<String> urls = new ArrayList<>();
                for (int number = 1; number <= platform.instanceCount(service); number++) {
                    urls.add(platform.serviceUrl(service, number));
                }
                System.out.println(" " + service.module() + " instances: " + String.join(", ", urls));
            }
        }
        System.out.println(" Press Ctrl-C to stop everything.");
        System.out.println(line);
    }

    /**
     * PLATFORM_ROOT if set; else the repository the launcher jar was built in
     * ({@code <root>/platform-launcher/target/platform-launcher.jar}); else the working directory.
     */
    static Path repositoryRoot() {
        String explicit = System.getenv("PLATFORM_ROOT");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        try {
            Path jar = Path.of(Platform.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null
                    && root.getParent() != null
                    && Files.isRegularFile(root.getParent().resolve("pom.xml"))
                    && root.getFileName().toString().equals("platform-launcher")) {
                return root.getParent();
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // Fall back to the working directory.
        }
        return Path.of("");
    }
}

package dev.supportdesk.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One service of the platform running as {@code java <jvm options> -jar <module>-exec.jar <arguments>}. */
final class ServiceProcess {

    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Service service;
    private final int port;
    private final JavaProcess process;

    private ServiceProcess(Service service, int port, JavaProcess process) {
        this.service = service;
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(Service service, Path jar, int port, List<String> jvmOptions, List<String> arguments,
                                Map<String, String> environment, Path workingDirectory, Path logFile) {
        List<String> javaArguments = new ArrayList<>(jvmOptions);
        // The services set this themselves too; here it also covers anything that runs before main.
        javaArguments.add("-Daxoniq.update-checker.disabled=true");
        javaArguments.add("-jar");
        javaArguments.add(jar.toString());
        javaArguments.addAll(arguments);
        return new ServiceProcess(service, port,
                JavaProcess.start(service.module(), javaArguments, environment, workingDirectory, logFile));
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String healthUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port + "/actuator/health";
    }

    /** Waits until Spring Boot reports UP; fails naming the service and showing its log when it dies or times out. */
    void awaitHealthy(HttpClient client, long deadlineNanos, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl())).timeout(Duration.ofSeconds(3)).GET().build();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new PlatformException(service.module() + " exited during start-up with code " + process.exitValue()
                        + "." + process.describeLog());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && UP.matcher(response.body()).find()) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (java.io.IOException notListeningYet) {
                lastAnswer = notListeningYet.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + service.module());
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new PlatformException(service.module() + " did not report UP at " + healthUrl() + " within "
                        + timeout.toSeconds() + " s (last answer: " + lastAnswer + ")." + process.describeLog());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + service.module());
            }
        }
    }

    void stop() {
        process.stop(STOP_GRACE);
    }
}

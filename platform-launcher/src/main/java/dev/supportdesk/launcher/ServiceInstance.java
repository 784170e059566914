package dev.supportdesk.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One instance of a service: {@code java <jvm options> -jar <module>-exec.jar <arguments>} on its own
 * port, with its own log file. Every start uses the same command, environment and port, so a restarted
 * instance is the same instance to everyone who knows its URL.
 */
final class ServiceInstance implements PlatformProcess {

    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    private static final HttpClient HEALTH =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int number;
    private final String name;
    private final int port;
    private final List<String> javaArguments;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final Duration startTimeout;
    private final ChildJvm jvm;

    ServiceInstance(
            Service service,
            int number,
            String name,
            int port,
            Path jar,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile,
            Duration startTimeout) {
        this.service = service;
        this.number = number;
        this.name = name;
        this.port = port;
        List<String> command = new ArrayList<>(jvmOptions);
        // The services set this themselves too; here it also covers anything that runs before main.
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        this.javaArguments = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.startTimeout = startTimeout;
        this.jvm = new ChildJvm(name);
    }

    Service service() {
        return service;
    }

    /** 1 for the first instance of its service. */
    int number() {
        return number;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    Path logFile() {
        return logFile;
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        launch();
        awaitReady();
    }

    @Override
    public void launch() {
        jvm.launch(() -> {
            Ports.requireFree(port, name, service.portVariable());
            return JavaProcess.start(name, javaArguments, environment, workingDirectory, logFile);
        });
    }

    @Override
    public void awaitReady() {
        awaitReady(System.nanoTime() + startTimeout.toNanos(), startTimeout);
    }

    /** Waits until Spring Boot reports UP; fails naming the instance and showing its log when it dies or times out. */
    void awaitReady(long deadlineNanos, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        String lastAnswer = "no answer yet";
        while (true) {
            JavaProcess current = jvm.starting();
            try {
                HttpResponse<String> response = HEALTH.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && UP.matcher(response.body()).find()) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                lastAnswer = notListeningYet.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + name);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new PlatformException(name + " did not report UP at " + request.uri() + " within "
                        + timeout.toSeconds() + " s (last answer: " + lastAnswer + ")." + current.describeLog());
            }
            jvm.pauseBeforeNextCheck();
        }
    }

    /** SIGTERM, so that Spring shuts down gracefully; SIGKILL only when the grace period runs out. */
    @Override
    public void stop() {
        jvm.stop();
    }

    @Override
    public void kill() {
        jvm.kill();
    }

    @Override
    public boolean isRunning() {
        return jvm.isRunning();
    }

    @Override
    public List<Long> pids() {
        return jvm.pids();
    }
}

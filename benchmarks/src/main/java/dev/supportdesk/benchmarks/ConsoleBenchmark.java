package dev.supportdesk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;
import dev.supportdesk.platform.kafka.EventEnvelope;
import dev.supportdesk.platform.kafka.EventRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openqa.selenium.By;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code ./bench.sh console}: the agent console's speed as a person sees it. Starts the platform as the main
 * benchmark does, opens a few tickets through the API (they are the ones clicked and changed) and seeds
 * {@code --tickets} more directly onto the ticket topic (the read model must hold them: it waits for the
 * queue's total), then drives two headless Chromiums (alice, and bob as the colleague) and times, in the
 * page, the first queue page, a ticket view and a live change, beside the same requests by plain HTTP.
 * Prints one table; exits 1 when a step never completes. Not a test: nothing is asserted.
 */
public final class ConsoleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String EVENTS = "dev.supportdesk.contract.events.";
    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "HIGH"};
    private static final int API_TICKETS = 30;
    private static final String SEEDED = "S-";
    /** The console's own first queue request (api.js drops empty filters; view "all" sends no assignee). */
    private static final String QUEUE = "/api/tickets?sort=dueAt&page=0&size=25";

    /**
     * Installed before any page script runs: {@code __bench.watch(test)} resolves with the epoch
     * milliseconds ({@code performance.timeOrigin + performance.now()}) of the first frame after the DOM
     * satisfies {@code test}: a MutationObserver sees the change, then requestAnimationFrame plus a zero
     * timeout waits for that frame. {@code __bench.firstRow} is armed at navigation for the queue's rows.
     */
    private static final String WATCH = "window.__bench = {"
            + " watch(test) { return new Promise(resolve => {"
            + "  const frame = () => requestAnimationFrame(() => setTimeout("
            + "   () => resolve(performance.timeOrigin + performance.now()), 0));"
            + "  if (test()) { frame(); return; }"
            + "  const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); frame(); } });"
            + "  observer.observe(document, {childList: true, subtree: true, characterData: true});"
            + " }); } };"
            + "window.__bench.errors = [];"
            + "addEventListener('error', e => window.__bench.errors.push(String(e.message)));"
            + "addEventListener('unhandledrejection', e => window.__bench.errors.push(String(e.reason)));"
            + "window.__bench.firstRow = window.__bench.watch(() => document.querySelector('tr[data-ticket]'));";

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tickets = 10_000;
        int repeats = 20;
        for (String arg : args) {
            if (arg.startsWith("--tickets=")) {
                tickets = Integer.parseInt(arg.substring("--tickets=".length()));
            } else if (arg.startsWith("--repeats=")) {
                repeats = Math.max(1, Integer.parseInt(arg.substring("--repeats=".length())));
            } else {
                System.err.println(
                        "Usage: ./bench.sh console [--tickets=N (default 10000)] [--repeats=N (default 20)]");
                System.exit(2);
            }
        }
        Path data = Path.of("benchmarks/target/bench-console-data").toAbsolutePath();
        BenchData.wipe(data);
        LocalPlatform platform = LocalPlatform.builder()
                .rootDirectory(Path.of("").toAbsolutePath())
                .dataDirectory(data)
                .randomPorts()
                .serviceJvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC"))
                .build();
        List<Chromium> browsers = new ArrayList<>();
        Thread hook = new Thread(
                () -> {
                    browsers.forEach(Chromium::close);
                    platform.close();
                },
                "bench-console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String[]> table = new ArrayList<>();
        int exit = 0;
        try {
            platform.start();
            String edge = "http://127.0.0.1:" + platform.port(Service.EDGE);
            EdgeClient alice = new EdgeClient(edge, "alice", "alice");
            EdgeClient bob = new EdgeClient(edge, "bob", "bob");
            say("Platform up; opening " + API_TICKETS + " tickets through the API");
            List<String> opened = new ArrayList<>();
            for (int i = 0; i < API_TICKETS; i++) {
                EdgeClient.Answer answer = alice.post("/api/tickets", openBody(i));
                if (answer.status() != 201) {
                    throw new BenchmarkException("open answered " + answer.status() + ": " + answer.body(), null);
                }
                opened.add(answer.id());
            }
            say("Seeding " + tickets + " tickets onto the topic");
            long seedStart = System.nanoTime();
            seed(platform.kafkaBootstrapServers(), tickets);
            awaitTotal(alice, tickets + API_TICKETS);
            say(String.format(
                    "%d tickets in the read model after %.0f s",
                    tickets + API_TICKETS, (System.nanoTime() - seedStart) / 1e9));

            Chromium agent = Chromium.open(edge);
            browsers.add(agent);
            agent.signIn("alice");
            Chromium colleague = Chromium.open(edge);
            browsers.add(colleague);
            colleague.signIn("bob");

            say("Queue and ticket view, " + repeats + " repetitions after one warm-up");
            List<Double> coldQueue = new ArrayList<>();
            List<Double> routeQueue = new ArrayList<>();
            List<Double> ticketView = new ArrayList<>();
            for (int rep = 0; rep <= repeats; rep++) {
                double cold = agent.step("the first queue page", agent::coldQueue);
                int index = rep % 10;
                List<?> clicked = agent.step("the ticket view", () -> agent.openRow(index));
                double route = agent.step("the queue route", agent::routeToQueue);
                if (rep > 0) {
                    coldQueue.add(cold);
                    ticketView.add(((Number) clicked.get(1)).doubleValue());
                    routeQueue.add(route);
                }
            }

            say("Live change, " + repeats + " repetitions after one warm-up");
            String live = opened.get(0);
            colleague.openTicket(live);
            List<Double> onScreen = new ArrayList<>();
            List<Double> readModel = new ArrayList<>();
            List<Double> command = new ArrayList<>();
            String nonce = UUID.randomUUID().toString().substring(0, 8);
            for (int rep = 0; rep <= repeats; rep++) {
                String token = "Live check " + nonce + " #" + rep;
                colleague.armText(token);
                long sent = System.currentTimeMillis();
                EdgeClient.Answer reply = alice.post(
                        "/api/tickets/" + live + "/replies",
                        "{\"body\":" + EdgeClient.quote(token) + ",\"visibility\":\"PUBLIC\"}");
                long answered = System.currentTimeMillis();
                if (reply.status() != 200) {
                    throw new BenchmarkException("reply answered " + reply.status() + ": " + reply.body(), null);
                }
                // The server's part, meanwhile: until the read model answers at the reply's version.
                CompletableFuture<Long> visible =
                        CompletableFuture.supplyAsync(unchecked(() -> awaitVersion(bob, live, reply.version())));
                double seen = colleague.step("the live change", colleague::awaitText);
                long readAt = visible.get();
                if (rep > 0) {
                    command.add((double) (answered - sent));
                    onScreen.add(seen - answered);
                    readModel.add((double) (readAt - answered));
                }
            }

            say("Baselines by plain HTTP through the edge");
            List<Double> queueHttp = timeGets(alice, QUEUE, repeats);
            String viewed = opened.get(1);
            List<Double> ticketHttp = timeGets(alice, "/api/tickets/" + viewed, repeats);
            List<Double> historyHttp = timeGets(alice, "/api/tickets/" + viewed + "/history", repeats);
            List<Double> staticHttp = timeGets(alice, "/console/app.js", repeats);

            int n = tickets + API_TICKETS;
            table.add(row(
                    "console: first queue page, full page load (navigation start -> rows painted)", "1000", coldQueue));
            table.add(row("console: queue route from a ticket (hash change -> rows painted)", "1000", routeQueue));
            table.add(row("console: ticket view (row click -> subject and conversation painted)", "500", ticketView));
            table.add(row(
                    "console: live change (reply answered -> painted in colleague's open ticket)", "500", onScreen));
            table.add(row("HTTP: GET " + QUEUE + " (" + n + " tickets)", "", queueHttp));
            table.add(row("HTTP: GET /api/tickets/{id}", "", ticketHttp));
            table.add(row("HTTP: GET /api/tickets/{id}/history", "", historyHttp));
            table.add(row("HTTP: GET /console/app.js (static asset)", "", staticHttp));
            table.add(row("HTTP: POST /api/tickets/{id}/replies (sent -> answered)", "", command));
            table.add(row("HTTP: reply answered -> GET /api/tickets/{id}?minVersion= answers 200", "", readModel));
        } catch (Exception e) {
            System.err.println("[bench] The run failed: " + e);
            exit = 1;
        } finally {
            browsers.forEach(Chromium::close);
            BenchData.stop(platform, hook);
        }
        if (exit == 0) {
            System.out.println();
            System.out.println("==== Console benchmark (" + (tickets + API_TICKETS) + " tickets, " + repeats
                    + " repetitions, milliseconds) ====");
            System.out.println("| what | target | median | p95 | max |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (String[] r : table) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
        }
        System.exit(exit);
    }

    /** One headless Chromium with a profile of its own, as the e2e tests start it. */
    private static final class Chromium {

        private final ChromeDriver driver;
        private final String base;
        private final Path profile;

        private Chromium(ChromeDriver driver, String base, Path profile) {
            this.driver = driver;
            this.base = base;
            this.profile = profile;
        }

        /** Chromium now and then exits during start-up on a loaded machine; a new start usually works. */
        static Chromium open(String base) throws IOException {
            SessionNotCreatedException last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                // In the system's temp dir: the singleton socket's path must stay below 108 bytes.
                Path profile = Files.createTempDirectory("sd-bench-chromium-");
                try {
                    return start(base, profile);
                } catch (SessionNotCreatedException e) {
                    last = e;
                    deleteQuietly(profile);
                }
            }
            throw last;
        }

        private static Chromium start(String base, Path profile) throws IOException {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-features=BackForwardCache",
                    "--window-size=1280,800",
                    "--lang=en-GB",
                    "--user-data-dir=" + profile.resolve("profile"));
            Path log = Path.of("benchmarks", "target", profile.getFileName() + "-chromedriver.log")
                    .toAbsolutePath();
            Files.createDirectories(log.getParent());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"))
                            .toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("TMPDIR", profile.toString()))
                    .withLogFile(log.toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(PATIENCE);
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
            return new Chromium(driver, base, profile);
        }

        /** The step's result; when it never completes, what the page showed then. */
        <T> T step(String name, Supplier<T> step) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                String shown;
                try {
                    shown = driver.getCurrentUrl() + ": "
                            + driver.executeScript("return document.getElementById('main').innerText.slice(0, 400)"
                                    + " + ' | errors: ' + window.__bench.errors.join('; ');");
                } catch (RuntimeException unreadable) {
                    shown = "(unreadable: " + unreadable.getMessage() + ")";
                }
                throw new BenchmarkException(
                        name + " never completed (" + e.getClass().getSimpleName() + "); the page showed " + shown, e);
            }
        }

        void signIn(String user) {
            driver.get(base + "/");
            until(() -> !driver.findElements(By.id("username")).isEmpty(), "the sign-in form");
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(user);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            until(() -> driver.findElement(By.id("sign-out")).isDisplayed(), user + "'s sign-in");
        }

        /** Milliseconds from the navigation's start (performance.timeOrigin) to the first painted rows. */
        double coldQueue() {
            if (!driver.getCurrentUrl().endsWith("/#/queue")) {
                driver.get(base + "/#/queue");
            }
            // A reload, not a navigation away and back: the old document and its event stream are gone for
            // sure (Chromium holds at most six connections per host; kept pages would keep theirs open).
            driver.navigate().refresh();
            return number(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "window.__bench.firstRow.then(t => done(t - performance.timeOrigin));"));
        }

        /** Clicks the {@code index}-th row opened through the API: [ticket id, ms until the view is painted]. */
        List<?> openRow(int index) {
            return (List<?>) driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "const rows = [...document.querySelectorAll('tr[data-ticket]')]"
                            + "  .filter(r => !r.dataset.ticket.startsWith(arguments[1]));"
                            + "const row = rows[arguments[0] % rows.length];"
                            + "const subject = row.querySelector('a.ticket-link').textContent;"
                            + "const painted = window.__bench.watch(() => {"
                            + "  const title = document.getElementById('ticket-title');"
                            + "  const timeline = document.querySelector('ol.timeline');"
                            + "  return title && title.textContent === subject && timeline && timeline.children.length > 0;"
                            + "});"
                            + "const t0 = performance.timeOrigin + performance.now();"
                            + "row.click();"
                            + "painted.then(t => done([row.dataset.ticket, t - t0]));",
                    index, SEEDED);
        }

        /** Milliseconds from setting the queue's hash on a ticket view to the first painted rows. */
        double routeToQueue() {
            return number(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const painted = window.__bench.watch(() => document.querySelector('tr[data-ticket]'));"
                    + "const t0 = performance.timeOrigin + performance.now();"
                    + "location.hash = '#/queue';"
                    + "painted.then(t => done(t - t0));"));
        }

        /** Opens the ticket and waits until it is shown and the live stream is up. */
        void openTicket(String id) {
            driver.get("about:blank");
            driver.get(base + "/#/tickets/" + id);
            until(
                    () -> Boolean.TRUE.equals(driver.executeScript("const t = document.getElementById('ticket-title');"
                            + "return !!t && t.textContent !== 'Loading ticket…'"
                            + " && document.getElementById('connection').textContent === 'Live';")),
                    "ticket " + id + " with live updates");
        }

        void armText(String text) {
            driver.executeScript(
                    "window.__live = window.__bench.watch("
                            + "() => document.getElementById('main').textContent.includes(arguments[0]));",
                    text);
        }

        /** The epoch milliseconds of the first frame that showed the armed text. */
        double awaitText() {
            return number(driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; window.__live.then(done);"));
        }

        private void until(Supplier<Boolean> condition, String what) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (condition.get()) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // not rendered yet, or re-rendered under the lookup
                }
                pause(100);
            }
            throw new BenchmarkException("the console never showed " + what, null);
        }

        void close() {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // already gone
            } finally {
                deleteQuietly(profile);
            }
        }
    }

    /** Two events per ticket (opened, first-response clock started) in ticket-command's wire format. */
    private static void seed(String bootstrap, int tickets) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("linger.ms", "20");
        config.put("batch.size", "262144");
        // Due days ahead, after the API's tickets (they fill the first page) and long after the run ends,
        // so that the SLA monitor schedules these deadlines but never acts on them during the run.
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            // Positions far above the store's own, which the read model does not use.
            long position = 1_000_000_000_000L;
            for (int t = 0; t < tickets; t++) {
                String id = SEEDED + t;
                Instant at = now.minusSeconds(tickets - t);
                Instant due = now.plus(Duration.ofDays(3)).plusSeconds(30L * t);
                String[][] script = {
                    {
                        "TicketOpenedEvent",
                        "{\"ticketId\":\"" + id + "\",\"subject\":\"Seeded ticket " + t + ": printer error E"
                                + (100 + t % 50) + "\",\"description\":\"Seeded for the console benchmark\","
                                + "\"channel\":\"" + CHANNELS[t % CHANNELS.length] + "\",\"priority\":\""
                                + PRIORITIES[t % PRIORITIES.length]
                                + "\",\"requester\":{\"name\":\"Customer " + t + "\",\"email\":null,\"phone\":null},"
                                + "\"customerTier\":\"STANDARD\",\"tags\":[]}"
                    },
                    {
                        "SlaClockStartedEvent",
                        "{\"ticketId\":\"" + id + "\",\"metric\":\"FIRST_RESPONSE\",\"policy\":\"default\","
                                + "\"calendar\":\"24x7\",\"target\":\"PT72H\",\"dueAt\":\"" + due + "\",\"warnAt\":\""
                                + due.minus(Duration.ofHours(12)) + "\"}"
                    }
                };
                for (int v = 0; v < script.length; v++) {
                    ProducerRecord<String, byte[]> record = EventRecords.toRecord(
                            "support.ticket-events",
                            new EventEnvelope(
                                    UUID.nameUUIDFromBytes((id + "/" + v).getBytes(StandardCharsets.UTF_8))
                                            .toString(),
                                    "Ticket",
                                    id,
                                    v + 1,
                                    ++position,
                                    EVENTS + script[v][0],
                                    "1",
                                    at.plusMillis(v),
                                    Map.of(
                                            "actor",
                                            "alice",
                                            "actorRole",
                                            "AGENT",
                                            "correlationId",
                                            id + "-" + v,
                                            "causationId",
                                            id + "-" + v),
                                    script[v][1].getBytes(StandardCharsets.UTF_8)));
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    private static String openBody(int i) {
        return "{\"subject\":" + EdgeClient.quote("Console check " + i + ": cannot sign in to the portal")
                + ",\"description\":" + EdgeClient.quote("The portal rejects my password since this morning.")
                + ",\"channel\":\"" + CHANNELS[i % CHANNELS.length] + "\",\"priority\":\"URGENT\""
                + ",\"requester\":{\"name\":\"Customer " + i + "\",\"email\":\"customer" + i + "@example.com\"}"
                + ",\"tags\":[\"bench\"]}";
    }

    private static void awaitTotal(EdgeClient client, int total) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            EdgeClient.Answer answer = client.get("/api/tickets?size=1");
            if (answer.status() == 200) {
                long seen = JSON.readTree(answer.body()).path("total").asLong();
                if (seen >= total) {
                    return;
                }
                if (seen / 2000 != last / 2000) {
                    say("  " + seen + " tickets in the read model");
                }
                last = seen;
            }
            pause(1000);
        }
        throw new BenchmarkException("the read model never held " + total + " tickets", null);
    }

    /** The epoch milliseconds at which the read model first answered the ticket at {@code version}. */
    private static long awaitVersion(EdgeClient client, String id, long version) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            EdgeClient.Answer answer = client.get("/api/tickets/" + id + "?minVersion=" + version);
            if (answer.status() == 200) {
                return System.currentTimeMillis();
            }
            if (answer.status() != 504) {
                throw new BenchmarkException("the read model answered " + answer.status() + ": " + answer.body(), null);
            }
        }
        throw new BenchmarkException("the read model never showed " + id + " at version " + version, null);
    }

    /** Milliseconds of {@code repeats} GETs after one untimed warm-up GET. */
    private static List<Double> timeGets(EdgeClient client, String path, int repeats) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= repeats; i++) {
            long start = System.nanoTime();
            EdgeClient.Answer answer = client.get(path);
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new BenchmarkException(path + " answered " + answer.status() + ": " + answer.body(), null);
            }
            if (i > 0) {
                millis.add(elapsed);
            }
        }
        return millis;
    }

    /** A row of the table (median, nearest-rank p95, max), also printed at once. */
    private static String[] row(String what, String target, List<Double> millis) {
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String[] cells = {
            what,
            target,
            format(sorted[(sorted.length - 1) / 2]),
            format(sorted[Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1)]),
            format(sorted[sorted.length - 1])
        };
        say(String.join(" | ", cells));
        return cells;
    }

    private static String format(double millis) {
        return millis < 10 ? String.format("%.1f", millis) : String.format("%.0f", millis);
    }

    private static double number(Object value) {
        if (!(value instanceof Number number)) {
            throw new BenchmarkException("the page answered " + value + " instead of a time", null);
        }
        return number.doubleValue();
    }

    private static <T> Supplier<T> unchecked(Callable<T> call) {
        return () -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new BenchmarkException("the read model wait failed: " + e, e);
            }
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }

    private static void deleteQuietly(Path directory) {
        try {
            BenchData.wipe(directory);
        } catch (RuntimeException e) {
            // a temp profile left behind is the system's to clean
        }
    }
}

package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.hostile.Answer;
import dev.supportdesk.e2e.hostile.ApiPaths;
import dev.supportdesk.e2e.hostile.Caller;
import dev.supportdesk.e2e.hostile.HostileRequest;
import dev.supportdesk.e2e.hostile.Ledger;
import dev.supportdesk.e2e.hostile.RequestGenerator;
import dev.supportdesk.e2e.hostile.StoredEvents;
import dev.supportdesk.e2e.hostile.Verdicts;
import dev.supportdesk.e2e.hostile.Wire;
import dev.supportdesk.e2e.hostile.WireClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A few thousand generated hostile requests against the running platform, through the edge, from a fixed
 * seed (see {@link RequestGenerator} for what they are): among them every method on every path of the OpenAPI
 * document the platform serves ({@link ApiPaths}), so that a new endpoint is covered without editing this
 * test. For every single request: an answer, no 5xx (but the documented 504 and 505 of {@link Verdicts}),
 * every 4xx a problem+json with its status, no stack trace, SQL error or credential anywhere in the answer,
 * and the request's own expectation (a refusal where the contract refuses, a success where a valid read or
 * open must succeed). Afterwards every event stored meanwhile is traced, by its correlation id, to a request
 * answered 2xx.
 * <p>
 * {@code -Dhostile.seed=N -Dhostile.requests=N -Dhostile.threads=N} change the run (docs/testing.md). A
 * failure names the seed and shows each failing request and its answer; the full list is written to
 * {@code target/hostile-input-report.txt}.
 * <p>
 * The event check needs this class to be the only one sending commands while it runs: end-to-end classes
 * run one after another in this module's JVM.
 */
@EndToEnd
class HostileInputIT {

    private static final long DEFAULT_SEED = 0x5EED_2026L;
    private static final int DEFAULT_REQUESTS = 3_000;
    private static final int DEFAULT_THREADS = 4;

    private final SupportDesk desk;

    HostileInputIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void noHostileRequestGetsAServerErrorLeaksAnythingOrStoresAnEvent() throws Exception {
        long seed = Long.getLong("hostile.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("hostile.requests", DEFAULT_REQUESTS);
        int threads = Integer.getInteger("hostile.threads", DEFAULT_THREADS);
        URI edge = URI.create(desk.edgeUrl());
        WireClient client = new WireClient("127.0.0.1", edge.getPort(), edge.getAuthority());
        Verdicts verdicts = new Verdicts(secrets());
        Ledger ledger = new Ledger(seed, verdicts);
        StoredEvents store = new StoredEvents(desk.jdbcUrl(), desk.databaseUser(), desk.databasePassword());
        long before = store.lastPosition();
        long started = System.nanoTime();

        List<String> paths = ApiPaths.fromOpenApi(
                desk.anonymous().get("/api/openapi.json").expect(200).json());
        // the public document names the whole API: fewer paths means the sweep would miss endpoints
        assertThat(paths).as("paths swept").hasSizeGreaterThan(40);
        RequestGenerator generator = new RequestGenerator(seed, openFixture(seed, client, ledger), paths);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                sent.add(pool.submit(() -> {
                    HostileRequest request = generator.request(index);
                    List<String> risks = verdicts.echoRisks(request);
                    if (!risks.isEmpty()) {
                        ledger.fail("the generator put " + risks + " into request " + request.describe());
                        return;
                    }
                    ledger.record(request, client.send(request));
                }));
            }
            for (Future<?> future : sent) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<StoredEvents.Event> events = store.after(before);
        ledger.checkEvents(
                events,
                index -> index < 0
                        ? RequestGenerator.warmUp(seed, -1 - index).describe()
                        : generator.request(index).describe());
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        System.out.printf(
                "Hostile input: seed=%d requests=%d (sweep %d) threads=%d %s; events stored %d; %d s%n",
                seed,
                requests + RequestGenerator.WARM_UP_TICKETS,
                generator.coverageSize(),
                threads,
                ledger.summary(),
                events.size(),
                seconds);
        List<String> failures = ledger.failures();
        Path report = Path.of("target", "hostile-input-report.txt");
        writeReport(report, seed, ledger, failures);
        List<String> kinds = ledger.failureKinds();
        assertThat(failures)
                .as(
                        "%d failures with seed %d (rerun: -Dhostile.seed=%d -Dhostile.requests=%d; every one in %s),"
                                + " %d kinds; each kind with its first instance:%n%s",
                        failures.size(),
                        seed,
                        seed,
                        requests,
                        report.toAbsolutePath(),
                        kinds.size(),
                        String.join("\n\n", kinds.subList(0, Math.min(20, kinds.size()))))
                .isEmpty();
        // The run did real work: tickets were opened and changed among the hostile requests.
        assertThat(events.size()).as("events stored by the run").isGreaterThan(RequestGenerator.WARM_UP_TICKETS);
        assertThat(ledger.validCommandsDone())
                .as("valid commands that succeeded")
                .isPositive();
    }

    /**
     * Tomcat answers a request line without HTTP version in HTTP/0.9 form (the body alone), which is what
     * HTTP/0.9 asks for. The next request the same connection processor serves must get a status line
     * again, even when its request line is broken; run alone here, so that the processor is the same one.
     */
    @Test
    void aBrokenRequestLineAfterAnHttp09RequestStillGetsAStatusLine() {
        URI edge = URI.create(desk.edgeUrl());
        WireClient client = new WireClient("127.0.0.1", edge.getPort(), edge.getAuthority());
        long seed = Long.getLong("hostile.seed", DEFAULT_SEED);
        HostileRequest simple = RequestGenerator.probe(seed, -1_000, "HTTP/0.9", "/api/tickets?size=1", "");
        HostileRequest broken = RequestGenerator.probe(
                seed,
                -1_001,
                "raw bytes that are not UTF-8 in the path",
                "/api/tickets/T-" + Wire.hex("80 80"),
                "HTTP/1.1");

        Answer first = client.send(simple);
        Answer second = client.send(broken);

        assertThat(first.simple())
                .as("HTTP/0.9 answer to %s: %s", simple.describe(), first.describe())
                .isTrue();
        assertThat(second.simple())
                .as("answer to %s after an HTTP/0.9 request: %s", broken.describe(), second.describe())
                .isFalse();
        assertThat(second.status()).as(second.describe()).isEqualTo(400);
        assertThat(second.contentType()).as(second.describe()).startsWith("application/problem+json");
    }

    /** Opens the run's own tickets (a few with an Idempotency-Key) and waits until the read model has them. */
    private RequestGenerator.Fixture openFixture(long seed, WireClient client, Ledger ledger) {
        List<String> tickets = new ArrayList<>();
        List<RequestGenerator.KeyedOpen> keyed = new ArrayList<>();
        for (int i = 0; i < RequestGenerator.WARM_UP_TICKETS; i++) {
            HostileRequest open = RequestGenerator.warmUp(seed, i);
            Answer answer = client.send(open);
            assertThat(ledger.record(open, answer))
                    .as("the fixture's open %s -> %s", open.describe(), answer.describe())
                    .isEmpty();
            String id = ApiClient.parse(answer.text()).path("id").asText();
            tickets.add(id);
            String key = RequestGenerator.warmUpKey(open);
            if (key != null) {
                keyed.add(new RequestGenerator.KeyedOpen(open.caller().label().split(" ")[0], key, open.body()));
            }
        }
        ApiClient alice = desk.as("alice");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (String id : tickets) {
                        assertThat(alice.get("/api/tickets/" + id).status())
                                .as("%s in the read model", id)
                                .isEqualTo(200);
                    }
                });
        return new RequestGenerator.Fixture(List.copyOf(tickets), List.copyOf(keyed));
    }

    /** The demo users' passwords as Basic tokens and as user:password, sla-monitor's password, the database's. */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String[] user : Caller.DEMO_USERS) {
            secrets.add(Caller.basic(user[0], user[0]).substring("Basic ".length()));
            secrets.add(user[0] + ":" + user[0]);
        }
        secrets.add(PlatformExtension.SLA_MONITOR_PASSWORD);
        secrets.add(Base64.getEncoder()
                .encodeToString(("sla-monitor:" + PlatformExtension.SLA_MONITOR_PASSWORD).getBytes()));
        secrets.add(desk.databasePassword());
        return secrets;
    }

    private static void writeReport(Path report, long seed, Ledger ledger, List<String> failures) throws IOException {
        Files.createDirectories(report.getParent());
        List<String> kinds = ledger.failureKinds();
        Files.writeString(
                report,
                "seed " + seed + ": " + ledger.summary() + "\n" + failures.size() + " failures of "
                        + kinds.size() + " kinds\n\n" + String.join("\n\n", kinds) + "\n\nEvery failure:\n\n"
                        + String.join("\n\n", failures) + "\n");
    }
}

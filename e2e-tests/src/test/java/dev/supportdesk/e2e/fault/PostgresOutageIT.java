package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.Ledger.Call;
import dev.supportdesk.e2e.fault.Ledger.Outcome;
import dev.supportdesk.launcher.PlatformProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load, once stopped (a fast shutdown) and once killed with all its processes
 * (a crash), and comes back on its data. While it is gone every command is answered promptly with a
 * 503 problem that says when to retry, never a 500 and never a hang; afterwards every service works
 * again without a restart of its own, nothing that was acknowledged is lost (durable commits), and
 * nothing reached Kafka or a read model that the event store does not hold.
 */
@FaultTest
@Order(5)
class PostgresOutageIT {

    /** How long any command may take, outage or not. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    private final FaultPlatform desk;

    PostgresOutageIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void aStoppedDatabaseIsAClear503AndEverythingRecoversByItself() {
        outage("pgstop", PlatformProcess::stop);
    }

    @Test
    void aCrashedDatabaseLosesNothingAcknowledgedAndEverythingRecoversByItself() {
        outage("pgkill", PlatformProcess::kill);
    }

    private void outage(String prefix, java.util.function.Consumer<PlatformProcess> takeAway) {
        String word = Tickets.uniqueWord(prefix);
        PlatformProcess postgres = desk.platform().postgres();
        Map<String, List<Long>> services = servicePids();
        Ledger ledger;
        Instant gone;
        Instant back;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(40))
                .answerBound(ANSWER_BOUND)
                .start()) {
            load.awaitAcknowledged(150);

            takeAway.accept(postgres);
            gone = Instant.now();
            try {
                // Long enough for every client to meet the outage several times; a hang shows as too few answers.
                await().atMost(Duration.ofSeconds(12))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> load.ledger().calls().stream()
                                        .filter(call -> !call.sentAt().isBefore(gone))
                                        .count()
                                >= 30);
            } catch (ConditionTimeoutException tooFewAnswers) {
                // Checked below, with the answers themselves.
            }
            back = Instant.now();
            postgres.start();
            load.awaitAcknowledgedSince(Instant.now(), 100);

            ledger = load.stop();
        }

        Instant outageStart = gone;
        Instant outageEnd = back;
        // Every finding is collected, so that a run shows lost data and wrong answers together.
        SoftAssertions softly = new SoftAssertions();
        Consistency.Report report = desk.consistency().check(ledger, word);
        System.out.println("[fault] " + word + ": " + report);
        softly.assertThat(report.problems())
                .as("consistency after the outage: %s", report)
                .isEmpty();
        List<Call> met = ledger.calls().stream()
                .filter(call ->
                        call.answeredAt().isAfter(outageStart) && call.sentAt().isBefore(outageEnd))
                .toList();
        softly.assertThat(met).as("commands that met the outage").isNotEmpty();
        // Sent and answered while it was gone. A command sent during the outage that was still waiting for a
        // connection (at most the pool's 3 s) when PostgreSQL came back is served normally, as it should be.
        List<Call> sentDuringOutage = met.stream()
                .filter(call -> !call.sentAt().isBefore(outageStart)
                        && call.answeredAt().isBefore(outageEnd))
                .toList();
        softly.assertThat(sentDuringOutage)
                .as("commands sent and answered while PostgreSQL was gone")
                .isNotEmpty();
        for (Call call : sentDuringOutage) {
            softly.assertThat(call.status())
                    .as("while PostgreSQL is gone, a 503: %s", call)
                    .isEqualTo(503);
            softly.assertThat(call.contentType()).as("as a problem: %s", call).startsWith("application/problem+json");
            softly.assertThat(call.retryAfter())
                    .as("with Retry-After: %s", call)
                    .isNotBlank();
        }
        softly.assertThat(ledger.with(Outcome.TIMED_OUT))
                .as("no command hangs past %s", ANSWER_BOUND)
                .isEmpty();
        softly.assertThat(ledger.with(Outcome.SERVER_ERROR)).as("no 500").isEmpty();
        softly.assertThat(servicePids()).as("no service was restarted").isEqualTo(services);
        softly.assertThatCode(() -> desk.awaitAllHealthy(Duration.ofSeconds(60)))
                .as("every service healthy again")
                .doesNotThrowAnyException();
        softly.assertThatCode(() -> slaStillWorks(word))
                .as("sla-monitor escalates again")
                .doesNotThrowAnyException();
        softly.assertAll();
    }

    /** sla-monitor's consumer, saga store, deadlines and its calls to ticket-command all work again. */
    private String slaStillWorks(String word) {
        ApiClient bob = desk.as("bob");
        String id = Tickets.open(bob, Tickets.openRequest("After the outage " + word, "PHONE", "URGENT"))
                .json()
                .path("id")
                .asText();
        JsonNode escalated = await("an URGENT ticket opened after the outage is escalated")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> bob.get("/api/tickets/" + id).json(),
                        ticket -> ticket.path("sla").path("escalationLevel").asInt() >= 1);
        assertThat(escalated.path("sla").path("state").asText()).isEqualTo("BREACHED");
        return id;
    }

    private Map<String, List<Long>> servicePids() {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        desk.platform().processes().stream()
                .filter(part -> !part.name().equals("postgres") && !part.name().equals("kafka"))
                .forEach(part -> pids.put(part.name(), part.pids()));
        return pids;
    }
}

package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketCommandClientTest {

    private static final Instant DUE = Instant.parse("2026-03-02T09:30:00Z");

    private FakeTicketCommand ticketCommand;
    private SlaCommandForwarder forwarder;

    @BeforeEach
    void setUp() throws Exception {
        ticketCommand = new FakeTicketCommand();
        forwarder = forwarderTo(URI.create(ticketCommand.url()));
    }

    @AfterEach
    void tearDown() {
        ticketCommand.close();
    }

    private static SlaCommandForwarder forwarderTo(URI url) {
        return new SlaCommandForwarder(new TicketCommandClient(new TicketCommandProperties(url, "sla-monitor",
                "s3cret", Duration.ofMillis(500), Duration.ofSeconds(2), 3, Duration.ofMillis(10))));
    }

    @Test
    void postsTheBreachWithBasicAuthCorrelationIdAndJsonBody() {
        forwarder.handle(new RecordSlaBreachCommand("T-1", SlaMetric.RESOLUTION, DUE), "corr-1");

        assertThat(ticketCommand.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/tickets/T-1/sla/breaches");
            assertThat(request.authorization()).isEqualTo("Basic c2xhLW1vbml0b3I6czNjcmV0");
            assertThat(request.correlationId()).isEqualTo("corr-1");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("{\"metric\":\"RESOLUTION\",\"dueAt\":\"2026-03-02T09:30:00Z\"}");
        });
    }

    @Test
    void postsTheWarningToTheWarningsEndpoint() {
        forwarder.handle(new RecordSlaWarningCommand("T-1", SlaMetric.FIRST_RESPONSE, DUE), null);

        assertThat(ticketCommand.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/tickets/T-1/sla/warnings");
            assertThat(request.correlationId()).isNull();
            assertThat(request.body()).isEqualTo("{\"metric\":\"FIRST_RESPONSE\",\"warnAt\":\"2026-03-02T09:30:00Z\"}");
        });
    }

    @Test
    void retriesServerErrorsAndTooManyRequestsUntilOneSucceeds() {
        ticketCommand.answerNext(503, 429);

        forwarder.handle(new RecordSlaBreachCommand("T-1", SlaMetric.RESOLUTION, DUE), "corr-1");

        assertThat(ticketCommand.received()).hasSize(3);
    }

    @Test
    void failsAfterTheLastAttemptSoTheDeadlineIsRetriedLater() {
        ticketCommand.answerNext(500, 502, 503, 504);

        assertThatThrownBy(() -> forwarder.handle(new RecordSlaBreachCommand("T-1", SlaMetric.RESOLUTION, DUE), "c"))
                .isInstanceOf(TicketCommandUnavailableException.class);
        assertThat(ticketCommand.received()).hasSize(3);
    }

    @Test
    void dropsAClientErrorWithoutRetrying() {
        ticketCommand.answerNext(404);

        forwarder.handle(new RecordSlaBreachCommand("T-404", SlaMetric.RESOLUTION, DUE), "corr-1");

        assertThat(ticketCommand.received()).hasSize(1);
    }

    @Test
    void failsWhenTicketCommandIsNotListening() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        SlaCommandForwarder unreachable = forwarderTo(URI.create("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> unreachable.handle(new RecordSlaBreachCommand("T-1", SlaMetric.RESOLUTION, DUE), "c"))
                .isInstanceOf(TicketCommandUnavailableException.class);
    }
}

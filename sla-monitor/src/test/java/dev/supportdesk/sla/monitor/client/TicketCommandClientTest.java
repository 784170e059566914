package dev.supportdesk.sla.monitor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.commands.RecordSlaBreachCommand;
import dev.supportdesk.contract.commands.RecordSlaWarningCommand;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand;
import dev.supportdesk.sla.monitor.testing.FakeTicketCommand.Answer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TicketCommandClientTest {

    private static final Instant DUE = Instant.parse("2026-03-02T09:30:00Z");
    private static final String PASSWORD = "s3cret-service-password";
    private static final RecordSlaBreachCommand BREACH = new RecordSlaBreachCommand("T-1", SlaMetric.RESOLUTION, DUE);

    private final List<FakeTicketCommand> servers = new ArrayList<>();
    private FakeTicketCommand ticketCommand;
    private SlaCommandForwarder forwarder;

    @BeforeEach
    void setUp() throws Exception {
        ticketCommand = server();
        forwarder = forwarderTo(URI.create(ticketCommand.url()));
    }

    @AfterEach
    void tearDown() {
        servers.forEach(FakeTicketCommand::close);
    }

    private FakeTicketCommand server() throws Exception {
        FakeTicketCommand server = new FakeTicketCommand();
        servers.add(server);
        return server;
    }

    private static SlaCommandForwarder forwarderTo(URI... urls) {
        return new SlaCommandForwarder(new TicketCommandClient(new TicketCommandProperties(
                List.of(urls),
                "sla-monitor",
                PASSWORD,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(10))));
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private SlaCommandNotDeliveredException pending(SlaCommandForwarder forwarder) {
        return catchThrowableOfType(SlaCommandNotDeliveredException.class, () -> forwarder.handle(BREACH, "corr-1"));
    }

    @Test
    void postsTheBreachWithBasicAuthCorrelationIdAndJsonBody() {
        forwarder.handle(BREACH, "corr-1");

        assertThat(ticketCommand.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/tickets/T-1/sla/breaches");
            assertThat(request.authorization())
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString(("sla-monitor:" + PASSWORD).getBytes()));
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

        forwarder.handle(BREACH, "corr-1");

        assertThat(ticketCommand.received()).hasSize(3);
        assertThat(ticketCommand.answeredOk()).isEqualTo(1);
    }

    @Test
    void staysPendingWithTheLastServerErrorAfterTheLastRound() {
        ticketCommand.answerNext(500, 502, 503, 504);

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(ticketCommand.received()).hasSize(3);
        assertThat(pending.error().status()).isEqualTo(503);
        assertThat(pending.notDue()).isFalse();
        assertThat(pending.kind()).isEqualTo(PendingSlaCommand.Kind.BREACH);
        assertThat(pending.ticketId()).isEqualTo("T-1");
        assertThat(pending.metric()).isEqualTo(SlaMetric.RESOLUTION);
        assertThat(pending.at()).isEqualTo(DUE);
    }

    @Test
    void wrongCredentialsStayPendingWithTheProblemDetailAndAreNotRepeatedAtOnce() {
        ticketCommand.answerNext(Answer.problem(401, null, "Sign in with a valid user name and password"));

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(ticketCommand.received()).hasSize(1);
        assertThat(pending.error())
                .isEqualTo(new DeliveryError(401, null, "Sign in with a valid user name and password"));
        assertThat(pending.notDue()).isFalse();
        assertThat(pending.retryAfter()).isEmpty();
    }

    /** Only 200 ends a delivery; any other answer, 2xx included, would be the same from any instance. */
    @ParameterizedTest
    @ValueSource(ints = {201, 202, 400, 403, 404, 409, 410, 422})
    void everyOtherAnswerStaysPendingAfterOneRequest(int status) {
        ticketCommand.answerNext(status);

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(ticketCommand.received()).hasSize(1);
        assertThat(pending.error().status()).isEqualTo(status);
        assertThat(pending.notDue()).isFalse();
    }

    @Test
    void aBreachTicketCommandSaysIsNotDueYetIsMarkedForASoonRetry() {
        ticketCommand.answerNext(Answer.problem(409, "NOT_DUE", "The clock is due at 2026-03-02T09:30:00Z"));

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(ticketCommand.received()).hasSize(1);
        assertThat(pending.notDue()).isTrue();
        assertThat(pending.error().reason()).isEqualTo("NOT_DUE");
        assertThat(pending.error().detail()).isEqualTo("The clock is due at 2026-03-02T09:30:00Z");
    }

    @Test
    void anotherConflictIsNotMistakenForNotDue() {
        ticketCommand.answerNext(Answer.problem(409, "TICKET_BUSY", "The ticket is busy"));

        assertThat(pending(forwarder).notDue()).isFalse();
    }

    @Test
    void carriesRetryAfterAndANonProblemBody() {
        for (int i = 0; i < 3; i++) {
            ticketCommand.answerNext(new Answer(503, "<html>\n<b>Service Unavailable</b></html>", "30"));
        }

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(pending.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(pending.error().detail()).isEqualTo("<html> <b>Service Unavailable</b></html>");
    }

    @Test
    void neverKeepsTheCredentialsInTheReason() {
        String token = Base64.getEncoder().encodeToString(("sla-monitor:" + PASSWORD).getBytes());
        ticketCommand.answerNext(Answer.problem(400, null, "Bad header Basic " + token + " or " + PASSWORD));

        SlaCommandNotDeliveredException pending = pending(forwarder);

        assertThat(pending.error().detail())
                .doesNotContain(PASSWORD)
                .doesNotContain(token)
                .isEqualTo("Bad header Basic [redacted] or [redacted]");
        assertThat(pending.getMessage()).doesNotContain(PASSWORD).doesNotContain(token);
    }

    @Test
    void staysPendingWhenTicketCommandIsNotListening() throws Exception {
        URI closed = closedPort();

        SlaCommandNotDeliveredException pending = pending(forwarderTo(closed));

        assertThat(pending.error().status()).isNull();
        assertThat(pending.error().detail()).startsWith("no answer from " + closed);
    }

    @Test
    void triesTheNextUrlWhenOneRefusesTheConnection() throws Exception {
        SlaCommandForwarder failingOver = forwarderTo(closedPort(), URI.create(ticketCommand.url()));

        failingOver.handle(BREACH, "corr-1");

        assertThat(ticketCommand.received()).hasSize(1);
        assertThat(ticketCommand.answeredOk()).isEqualTo(1);
    }

    @Test
    void triesTheNextUrlOnAServerErrorAndThenStartsWithTheOneThatAnswered() throws Exception {
        FakeTicketCommand broken = server();
        broken.answerEveryRequest(new Answer(503, "{}", null));
        SlaCommandForwarder failingOver = forwarderTo(URI.create(broken.url()), URI.create(ticketCommand.url()));

        failingOver.handle(BREACH, "corr-1");
        failingOver.handle(new RecordSlaBreachCommand("T-2", SlaMetric.RESOLUTION, DUE), "corr-2");

        assertThat(broken.received()).hasSize(1);
        assertThat(ticketCommand.received()).hasSize(2);
    }

    @Test
    void doesNotAskTheNextUrlWhatTheFirstAlreadyRefused() throws Exception {
        FakeTicketCommand second = server();
        ticketCommand.answerNext(Answer.problem(403, null, "Your role does not allow this"));
        SlaCommandForwarder failingOver = forwarderTo(URI.create(ticketCommand.url()), URI.create(second.url()));

        assertThat(pending(failingOver).error().status()).isEqualTo(403);
        assertThat(second.received()).isEmpty();
    }

    @Test
    void readsACommaSeparatedCommandUrl() {
        TicketCommandProperties properties = bind(Map.of("urls", "http://10.0.0.1:8081, http://10.0.0.2:8081/"));

        assertThat(properties.urls())
                .containsExactly(URI.create("http://10.0.0.1:8081"), URI.create("http://10.0.0.2:8081/"));
        assertThat(properties.toString()).doesNotContain("pw-123");
    }

    @Test
    void refusesAUrlWithCredentialsOrWithoutHost() {
        Consumer<String> refused = url -> assertThatThrownBy(() -> bind(Map.of("urls", url)))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("COMMAND_URL")
                .hasMessageNotContaining("hunter2");
        refused.accept("http://sla:hunter2@ticket-command:8081");
        refused.accept("ticket-command:8081");
        refused.accept("ftp://ticket-command");
    }

    private static TicketCommandProperties bind(Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "user",
                "sla-monitor",
                "password",
                "pw-123",
                "connect-timeout",
                "1s",
                "request-timeout",
                "2s",
                "attempts",
                "3",
                "backoff",
                "10ms"));
        values.putAll(overrides);
        Map<String, String> prefixed = new java.util.HashMap<>();
        values.forEach((key, value) -> prefixed.put("sla-monitor.ticket-command." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("sla-monitor.ticket-command", TicketCommandProperties.class);
    }
}

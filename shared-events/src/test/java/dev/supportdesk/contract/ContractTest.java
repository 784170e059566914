package dev.supportdesk.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import dev.supportdesk.contract.events.TicketOpenedEvent;
import dev.supportdesk.platform.web.PlatformJson;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The rules every message of the contract keeps, so that stored events stay readable for good. */
class ContractTest {

    /** The mapper Axon's serializer stores and publishes events with in every service. */
    private static final ObjectMapper JSON = PlatformJson.base();

    @Test
    void everyEventIsARevisionedRecordThatStartsWithItsStreamId() throws Exception {
        List<Class<?>> events = classesIn("events");
        assertThat(events).hasSizeGreaterThan(20);
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as(event + " is a record").isTrue();
            assertThat(event.getSimpleName()).as("event names end in Event").endsWith("Event");
            assertThat(event.getAnnotation(Revision.class))
                    .as(event + " has @Revision")
                    .isNotNull();
            RecordComponent first = event.getRecordComponents()[0];
            String name = event.getSimpleName();
            String stream = name.startsWith("SlaPolicy")
                    ? "policyId"
                    : name.startsWith("SlaCalendar")
                            ? "calendarId"
                            : name.startsWith("User") ? "directoryId" : "ticketId";
            assertThat(first.getName()).as(event + " starts with " + stream).isEqualTo(stream);
        }
    }

    @Test
    void everyCommandTargetsItsTicket() throws Exception {
        List<Class<?>> commands = classesIn("commands");
        assertThat(commands).hasSizeGreaterThan(15);
        for (Class<?> command : commands) {
            assertThat(command.isRecord()).as(command + " is a record").isTrue();
            assertThat(command.getSimpleName()).endsWith("Command");
            RecordComponent first = command.getRecordComponents()[0];
            assertThat(first.getName()).isEqualTo("ticketId");
            assertThat(first.getAccessor()
                            .getDeclaringClass()
                            .getDeclaredField("ticketId")
                            .isAnnotationPresent(TargetAggregateIdentifier.class))
                    .as(command + " targets ticketId")
                    .isTrue();
        }
    }

    @Test
    void eventsSurviveAJsonRoundTripAndIgnoreFieldsAddedLater() throws Exception {
        TicketOpenedEvent opened = new TicketOpenedEvent(
                "T-1",
                "Printer on fire",
                "Smoke",
                Channel.PHONE,
                Priority.URGENT,
                new Requester("Ann", "ann@example.com", null),
                CustomerTier.PREMIUM,
                List.of("hardware"));
        assertThat(JSON.readValue(JSON.writeValueAsBytes(opened), TicketOpenedEvent.class))
                .isEqualTo(opened);

        SlaClockStartedEvent started = new SlaClockStartedEvent(
                "T-1",
                SlaMetric.FIRST_RESPONSE,
                "default",
                "24x7",
                Duration.ofMinutes(30),
                Instant.parse("2026-11-25T10:30:00Z"),
                Instant.parse("2026-11-25T10:24:00Z"));
        String json = JSON.writeValueAsString(started);
        assertThat(json).contains("\"dueAt\":\"2026-11-25T10:30:00Z\"").contains("\"target\":\"PT30M\"");
        String newer = json.replace("{", "{\"addedInALaterRevision\":true,");
        assertThat(JSON.readValue(newer, SlaClockStartedEvent.class)).isEqualTo(started);
    }

    @Test
    void priorityRisesOneLevelAndStopsAtUrgent() {
        assertThat(Priority.LOW.raised()).isEqualTo(Priority.NORMAL);
        assertThat(Priority.HIGH.raised()).isEqualTo(Priority.URGENT);
        assertThat(Priority.URGENT.raised()).isEqualTo(Priority.URGENT);
    }

    private static List<Class<?>> classesIn(String subPackage) throws IOException, URISyntaxException {
        Path folder = Paths.get(ContractTest.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolveSibling("classes")
                .resolve("dev/supportdesk/contract")
                .resolve(subPackage);
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .<Class<?>>map(
                            name -> load("dev.supportdesk.contract." + subPackage + "." + name.replace(".class", "")))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

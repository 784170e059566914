package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.ApiResponse;
import dev.supportdesk.e2e.fault.EventStore.Event;
import dev.supportdesk.e2e.fault.EventStore.Position;
import dev.supportdesk.e2e.fault.Ledger.Call;
import dev.supportdesk.e2e.fault.Ledger.Kind;
import dev.supportdesk.e2e.fault.Ledger.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The checks every fault test ends with, once its load is over and the platform is whole again. The
 * event store is the truth:
 * <ul>
 *   <li>every acknowledged command is stored: its ticket has the version it was answered, and its
 *       marker is in exactly one stored event of that ticket, at or below that version; no two commands
 *       of one ticket were answered the same version;</li>
 *   <li>no refused command stored anything (its marker is nowhere), and every command the load knew
 *       must be refused was refused; no answer was a 500;</li>
 *   <li>every stream of the test starts with TicketOpenedEvent and has no gap (no half ticket);</li>
 *   <li>the topic carries every stored event of the test, keyed by its ticket, all of a ticket on one
 *       partition, first published in version order (republished duplicates are allowed, and counted,
 *       unless exactly-once publishing is asked for);</li>
 *   <li>the read model shows every ticket once at the store's version: each conversation entry
 *       exactly once, the escalation level equal to the stored escalations, and the state its client
 *       expects for each ticket whose every command got a definite answer;</li>
 *   <li>nothing on the topic and no read-model row anywhere that the event store does not back (no
 *       ghost tickets), for every test's tickets, not only this one's.</li>
 * </ul>
 * The read model and the topic are given {@link #catchUpWithin(Duration)} (60 s by default) to reach the
 * store; the time they took is reported, not asserted.
 */
public final class Consistency {

    private static final Set<String> CONVERSATION =
            Set.of("PublicReplyPostedEvent", "InternalNoteAddedEvent", "CustomerMessageReceivedEvent");

    private final FaultPlatform desk;
    private Duration catchUp = Duration.ofSeconds(60);
    private boolean exactlyOncePublishing;

    Consistency(FaultPlatform desk) {
        this.desk = desk;
    }

    public Consistency catchUpWithin(Duration bound) {
        this.catchUp = bound;
        return this;
    }

    /** Also require that no event was published twice. */
    public Consistency publishedExactlyOnce() {
        this.exactlyOncePublishing = true;
        return this;
    }

    /** What the checks found; {@link #verify} has already asserted that {@code problems} is empty. */
    public record Report(
            int tickets,
            int events,
            Map<Outcome, Long> answers,
            int republished,
            Duration caughtUpAfter,
            List<String> problems) {

        @Override
        public String toString() {
            return tickets + " tickets, " + events + " events, answers " + answers + ", " + republished
                    + " events published more than once, read model and topic caught up "
                    + (caughtUpAfter == null ? "NOT" : "after " + caughtUpAfter.toMillis() + " ms");
        }
    }

    public Report verify(Ledger ledger, String word) {
        Report report = check(ledger, word);
        System.out.println("[fault] " + word + ": " + report);
        assertThat(report.problems())
                .as(
                        "%s: %s%n%s",
                        word,
                        report,
                        String.join(
                                System.lineSeparator(),
                                report.problems()
                                        .subList(
                                                0,
                                                Math.min(40, report.problems().size()))))
                .isEmpty();
        return report;
    }

    Report check(Ledger ledger, String word) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Instant waitFrom = Instant.now();
        Duration caughtUp = null;
        try {
            await("read model and topic reach the event store")
                    .atMost(catchUp)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> caughtUp(word));
            caughtUp = Duration.between(waitFrom, Instant.now());
        } catch (ConditionTimeoutException e) {
            problems.add(
                    "the read model or the topic did not reach the event store within " + catchUp.toSeconds() + " s");
        }

        Map<String, List<Event>> streams = new TreeMap<>();
        for (Event event : desk.eventStore().streamsMentioning(word)) {
            streams.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                    .add(event);
        }
        int events = streams.values().stream().mapToInt(List::size).sum();
        checkStreams(streams, problems);
        checkAnswers(ledger, streams, problems);
        int republished = checkTopic(streams, problems);
        checkReadModel(ledger, streams, problems);
        return new Report(streams.size(), events, ledger.counts(), republished, caughtUp, List.copyOf(problems));
    }

    private boolean caughtUp(String word) {
        Map<String, Long> store = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Event event : desk.eventStore().streamsMentioning(word)) {
            store.merge(event.aggregateId(), event.version(), Math::max);
            ids.add(event.eventId());
        }
        if (!desk.readModel().versions(store.keySet()).equals(store)) {
            return false;
        }
        Set<String> published =
                desk.topic().readAll().stream().map(Topic.Record::eventId).collect(Collectors.toSet());
        return published.containsAll(ids);
    }

    private static void checkStreams(Map<String, List<Event>> streams, List<String> problems) {
        streams.forEach((id, events) -> {
            if (!events.get(0).type().equals("TicketOpenedEvent")
                    || events.get(0).sequence() != 0) {
                problems.add("half ticket " + id + ": its stream starts with "
                        + events.get(0).type() + " at version " + events.get(0).version());
            }
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).sequence() != events.get(0).sequence() + i) {
                    problems.add("gap in the stream of " + id + " before version "
                            + events.get(i).version());
                    break;
                }
            }
        });
    }

    private static void checkAnswers(Ledger ledger, Map<String, List<Event>> streams, List<String> problems) {
        Map<String, Set<Long>> answered = new HashMap<>();
        for (Call call : ledger.calls()) {
            Outcome outcome = call.outcome();
            if (outcome == Outcome.SERVER_ERROR) {
                problems.add("server error: " + call);
            }
            if (call.refusalExpected() && outcome == Outcome.ACKNOWLEDGED) {
                problems.add("accepted a command the ticket's state forbids: " + call);
            }
            if (outcome == Outcome.REFUSED && call.marker() != null) {
                List<Event> carrying =
                        carrying(streams.values().stream().flatMap(List::stream).toList(), call.marker());
                if (!carrying.isEmpty()) {
                    problems.add("refused but stored: " + call + " stored as " + describe(carrying));
                }
            }
            if (outcome != Outcome.ACKNOWLEDGED) {
                continue;
            }
            List<Event> stream = call.ticketId() == null ? null : streams.get(call.ticketId());
            if (stream == null) {
                problems.add("acknowledged but its ticket is not in the event store: " + call);
                continue;
            }
            long stored = stream.get(stream.size() - 1).version();
            if (call.version() < 1 || call.version() > stored) {
                problems.add(
                        "acknowledged with version " + call.version() + " but the store holds " + stored + ": " + call);
            }
            if (!answered.computeIfAbsent(call.ticketId(), id -> new HashSet<>())
                    .add(call.version())) {
                problems.add("two commands answered the same version " + call.version() + " (a lost update): " + call);
            }
            if (call.marker() != null) {
                List<Event> carrying = carrying(stream, call.marker());
                if (carrying.size() != 1) {
                    problems.add("acknowledged, stored " + carrying.size() + " times: " + call);
                } else if (carrying.get(0).version() > call.version()) {
                    problems.add("acknowledged with version " + call.version() + " but stored at version "
                            + carrying.get(0).version() + ": " + call);
                } else if (call.kind() == Kind.OPEN && carrying.get(0).sequence() != 0) {
                    problems.add("opened, but its subject is stored at version "
                            + carrying.get(0).version() + ": " + call);
                }
            }
        }
    }

    /** Returns how many stored events of the test were published more than once. */
    private int checkTopic(Map<String, List<Event>> streams, List<String> problems) {
        List<Topic.Record> records = desk.topic().readAll();
        Map<String, Position> stored = desk.eventStore().allEventIds();
        Map<String, List<Topic.Record>> byEvent = new HashMap<>();
        for (Topic.Record record : records) {
            byEvent.computeIfAbsent(record.eventId(), id -> new ArrayList<>()).add(record);
            Position position = stored.get(record.eventId());
            if (position == null) {
                problems.add("on the topic but not in the event store (a ghost): " + record);
            } else if (!position.aggregateId().equals(record.key()) || position.sequence() != record.sequence()) {
                problems.add("on the topic as " + record.key() + " version " + record.version() + " but stored as "
                        + position.aggregateId() + " version " + (position.sequence() + 1) + ": " + record);
            }
        }
        int republished = 0;
        for (Map.Entry<String, List<Event>> stream : streams.entrySet()) {
            Set<Integer> partitions = new HashSet<>();
            long lastOffset = -1;
            for (Event event : stream.getValue()) {
                List<Topic.Record> copies = byEvent.getOrDefault(event.eventId(), List.of());
                if (copies.isEmpty()) {
                    problems.add("stored but not on the topic: " + stream.getKey() + " version " + event.version() + " "
                            + event.type());
                    continue;
                }
                if (copies.size() > 1) {
                    republished++;
                    if (exactlyOncePublishing) {
                        problems.add("published " + copies.size() + " times: " + copies);
                    }
                }
                Topic.Record first = copies.get(0);
                partitions.add(first.partition());
                copies.forEach(copy -> partitions.add(copy.partition()));
                if (first.offset() < lastOffset) {
                    problems.add("published out of order: " + stream.getKey() + " version " + event.version()
                            + " first appears before the version below it");
                }
                lastOffset = first.offset();
            }
            if (partitions.size() > 1) {
                problems.add("the events of " + stream.getKey() + " are spread over partitions " + partitions);
            }
        }
        return republished;
    }

    private void checkReadModel(Ledger ledger, Map<String, List<Event>> streams, List<String> problems) {
        Map<String, Long> storedVersions = desk.eventStore().versions();
        desk.readModel().versions().forEach((id, version) -> {
            Long stored = storedVersions.get(id);
            if (stored == null) {
                problems.add(
                        "in the read model but not in the event store (a ghost ticket): " + id + " version " + version);
            } else if (version > stored) {
                problems.add(
                        "the read model shows " + id + " at version " + version + ", beyond the store's " + stored);
            }
        });
        Map<String, Ledger.Expected> expected = ledger.expectedStates();
        ApiClient reader = desk.as("sam");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (Map.Entry<String, List<Event>> stream : streams.entrySet()) {
                reads.add(pool.submit(() -> checkDetail(
                        reader, stream.getKey(), stream.getValue(), expected.get(stream.getKey()), problems)));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (Exception e) {
            problems.add("could not read the details: " + e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkDetail(
            ApiClient reader, String id, List<Event> stream, Ledger.Expected expected, List<String> problems) {
        ApiResponse answer;
        try {
            answer = reader.get("/api/tickets/" + id);
        } catch (RuntimeException e) {
            problems.add("GET /api/tickets/" + id + " failed: " + e.getMessage());
            return;
        }
        if (answer.status() != 200) {
            problems.add("the read model does not answer for a stored ticket: " + answer);
            return;
        }
        JsonNode ticket = answer.json();
        long version = stream.get(stream.size() - 1).version();
        if (ticket.path("version").asLong() != version) {
            problems.add(id + ": the read model is at version "
                    + ticket.path("version").asLong() + ", the store at " + version);
        }
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (JsonNode entry : ticket.path("conversation")) {
            shown.merge(entry.path("body").asText(), 1, Integer::sum);
        }
        List<String> storedBodies = stream.stream()
                .filter(event -> CONVERSATION.contains(event.type()))
                .map(event -> ApiClient.parse(event.payload()).path("body").asText())
                .toList();
        if (ticket.path("conversation").size() != storedBodies.size()) {
            problems.add(id + ": " + ticket.path("conversation").size() + " conversation entries shown, "
                    + storedBodies.size() + " stored");
        }
        for (String body : storedBodies) {
            if (shown.getOrDefault(body, 0) != 1) {
                problems.add(id + ": the conversation entry '" + body + "' is shown " + shown.getOrDefault(body, 0)
                        + " times");
            }
        }
        long escalations = stream.stream()
                .filter(event -> event.type().equals("TicketEscalatedEvent"))
                .count();
        if (ticket.path("sla").path("escalationLevel").asLong() != escalations) {
            problems.add(id + ": escalation level "
                    + ticket.path("sla").path("escalationLevel").asLong() + " shown, " + escalations
                    + " escalations stored");
        }
        if (expected != null) {
            Map<String, String> mismatches = new TreeMap<>();
            compare("status", expected.status(), ticket, mismatches);
            compare("priority", expected.priority(), ticket, mismatches);
            compare("assignee", expected.assignee(), ticket, mismatches);
            compare("group", expected.group(), ticket, mismatches);
            if (!mismatches.isEmpty()) {
                problems.add(id + ": not what its client was told: " + mismatches);
            }
        }
    }

    private static void compare(String field, String expected, JsonNode ticket, Map<String, String> mismatches) {
        JsonNode shown = ticket.path(field);
        String actual = shown.isNull() || shown.isMissingNode() ? null : shown.asText();
        if (expected == null ? actual != null : !expected.equals(actual)) {
            mismatches.put(field, "expected " + expected + ", shown " + actual);
        }
    }

    private static List<Event> carrying(List<Event> events, String marker) {
        // The marker ends with the client's counter: match it as a whole JSON string or word, not as a prefix.
        return events.stream()
                .filter(event -> event.payload().contains("\"" + marker + "\"")
                        || event.payload().contains(" " + marker + "\""))
                .toList();
    }

    private static String describe(List<Event> events) {
        return events.stream()
                .map(event -> event.aggregateId() + " v" + event.version() + " " + event.type())
                .toList()
                .toString();
    }
}

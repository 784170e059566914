package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.e2e.ApiClient;
import dev.supportdesk.e2e.ApiResponse;
import dev.supportdesk.e2e.fault.Ledger.Call;
import dev.supportdesk.e2e.fault.Ledger.Kind;
import dev.supportdesk.e2e.fault.Ledger.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load of agents working tickets through the API: each client opens tickets of its own and
 * drives them through a mix of commands that are valid for the state it knows (assign, public replies
 * and internal notes, customer messages, pending and resume, priority, tags, resolve), plus a few it
 * knows must be refused. Every command carries a unique marker, and every answer goes into a
 * {@link Ledger}. Priorities stay below URGENT, so that no SLA deadline fires during a load and every
 * event of its tickets comes from a client. The load ends at its limit (45 s at most) or when stopped.
 * <p>
 * A client that gets no definite answer waits a moment before its next command (a polite client
 * backs off); that pause is scheduled, not slept, and keeps a down service from being hammered.
 */
public final class Load implements AutoCloseable {

    /** The longest a fault test's load may run. */
    public static final Duration MAX_LIMIT = Duration.ofSeconds(45);

    private static final Duration BACKOFF = Duration.ofMillis(100);
    private static final List<String> USERS = List.of("alice", "bob", "tina", "sam");
    private static final List<String> PRIORITIES = List.of("LOW", "NORMAL", "HIGH");
    private static final List<String> CHANNELS = List.of("PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API");
    private static final List<String> GROUPS = List.of("tier1", "tier2");

    private final Builder settings;
    private final Ledger ledger = new Ledger();
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch finished;
    private final Instant startedAt = Instant.now();
    private final long deadlineNanos;
    private final List<String> shared = new ArrayList<>();
    private volatile boolean stopping;

    private Load(Builder settings) {
        this.settings = settings;
        this.scheduler = Executors.newScheduledThreadPool(settings.clients, runnable -> {
            Thread thread = new Thread(runnable, "load-client");
            thread.setDaemon(true);
            return thread;
        });
        this.finished = new CountDownLatch(settings.clients);
        this.deadlineNanos = System.nanoTime() + settings.limit.toNanos();
    }

    public static Builder on(FaultPlatform desk) {
        return new Builder(desk);
    }

    private Load begin() {
        if (settings.sharedTickets > 0) {
            Agent opener = new Agent(-1);
            for (int i = 0; i < settings.sharedTickets; i++) {
                Call call = opener.open();
                assertThat(call.outcome())
                        .as("opening a shared ticket: %s", call)
                        .isEqualTo(Outcome.ACKNOWLEDGED);
                shared.add(call.ticketId());
            }
        }
        for (int i = 0; i < settings.clients; i++) {
            Agent agent = new Agent(i);
            scheduler.execute(() -> step(agent));
        }
        return this;
    }

    /** Waits until this many commands of the load are acknowledged; fails if the load ends first. */
    public void awaitAcknowledged(long atLeast) {
        awaitAcknowledgedSince(startedAt, atLeast);
    }

    /** Waits until this many commands sent at or after {@code since} are acknowledged. */
    public void awaitAcknowledgedSince(Instant since, long atLeast) {
        await("%d acknowledged commands since %s (%s)".formatted(atLeast, since, ledger))
                .atMost(remaining().plusSeconds(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.acknowledgedSince(since) >= atLeast || !running());
        assertThat(ledger.acknowledgedSince(since))
                .as("acknowledged before the load's limit: %s", ledger)
                .isGreaterThanOrEqualTo(atLeast);
    }

    /** Waits until the clients have got this many answers without a definite outcome (they saw an outage). */
    public void awaitInDoubt(long atLeast) {
        await("%d answers without a definite outcome (%s)".formatted(atLeast, ledger))
                .atMost(remaining().plusSeconds(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.inDoubt().size() >= atLeast || !running());
        assertThat(ledger.inDoubt())
                .as("answers without a definite outcome: %s", ledger)
                .hasSizeGreaterThanOrEqualTo((int) atLeast);
    }

    public boolean running() {
        return !stopping && System.nanoTime() < deadlineNanos;
    }

    /** The live ledger (it still grows while the load runs). */
    public Ledger ledger() {
        return ledger;
    }

    /** Stops the clients, waits for the commands in flight, and hands over the ledger. */
    public Ledger stop() {
        stopping = true;
        try {
            if (!finished.await(settings.answerBound.toSeconds() + 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load clients did not finish: " + ledger);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
        }
        return ledger;
    }

    @Override
    public void close() {
        stop();
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private void step(Agent agent) {
        if (!running()) {
            finished.countDown();
            return;
        }
        Call call;
        try {
            call = agent.act();
        } catch (RuntimeException e) {
            // A defect of the load itself must not end a client silently.
            call = new Call(
                    agent.name,
                    agent.target,
                    Kind.INTERNAL_NOTE,
                    null,
                    null,
                    false,
                    Instant.now(),
                    Instant.now(),
                    0,
                    0,
                    null,
                    null,
                    null,
                    e);
            ledger.record(call);
        }
        long delay = call.outcome().definite() ? 0 : BACKOFF.toMillis();
        try {
            scheduler.schedule(() -> step(agent), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            finished.countDown();
        }
    }

    /** One client: a user, its tickets and what it believes about each. */
    private final class Agent {

        private final String name;
        private final String user;
        private final String target;
        private final ApiClient client;
        private final Random random;
        private final AtomicInteger counter = new AtomicInteger();
        private final Map<String, State> tickets = new LinkedHashMap<>();

        Agent(int index) {
            this.name = index < 0 ? "setup" : "c" + index;
            this.user = USERS.get(Math.max(0, index) % USERS.size());
            this.target = settings.targets.get(Math.max(0, index) % settings.targets.size());
            this.client = new ApiClient(target, user, user).withTimeout(settings.answerBound);
            this.random = new Random(settings.word.hashCode() * 31L + index);
        }

        Call act() {
            if (!shared.isEmpty()) {
                String id = shared.get(random.nextInt(shared.size()));
                return random.nextBoolean()
                        ? command(
                                id,
                                null,
                                Kind.INTERNAL_NOTE,
                                "replies",
                                Map.of("body", marker(), "visibility", "INTERNAL"),
                                false)
                        : command(
                                id, null, Kind.CUSTOMER_MESSAGE, "customer-messages", Map.of("body", marker()), false);
            }
            List<String> active = new ArrayList<>(tickets.keySet());
            if (active.size() < 3 || (active.size() < 6 && random.nextInt(10) == 0)) {
                return open();
            }
            String id = active.get(random.nextInt(active.size()));
            return next(id, tickets.get(id));
        }

        Call open() {
            String marker = marker();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", "Load " + marker);
            body.put("description", "Opened by the fault load " + settings.word);
            body.put("channel", CHANNELS.get(random.nextInt(CHANNELS.size())));
            String priority = PRIORITIES.get(random.nextInt(PRIORITIES.size()));
            body.put("priority", priority);
            body.put("requester", Map.of("name", "Load Customer", "email", "load@example.com"));
            Instant sent = Instant.now();
            Call call = send(Kind.OPEN, null, marker, false, sent, () -> client.post("/api/tickets", body));
            if (call.outcome() == Outcome.ACKNOWLEDGED && call.ticketId() != null) {
                State state = new State("NEW", priority, null, null);
                tickets.put(call.ticketId(), state);
                ledger.expect(call.ticketId(), state.expected());
            }
            return call;
        }

        private Call next(String id, State state) {
            String m = marker();
            int roll = random.nextInt(100);
            if (roll < 5) {
                // Commands the ticket's state forbids: they must be refused and store nothing.
                if (state.status.equals("RESOLVED")) {
                    return command(
                            id, state, Kind.PUBLIC_REPLY, "replies", Map.of("body", m, "visibility", "PUBLIC"), true);
                }
                if (!state.status.equals("OPEN")) {
                    return command(id, state, Kind.PENDING, "pending", Map.of("reason", m), true);
                }
                return command(id, state, Kind.RESUME, "resume", Map.of("reason", m), true);
            }
            switch (state.status) {
                case "NEW":
                    if (roll < 30) {
                        return assign(id, state);
                    }
                    if (roll < 50) {
                        return command(
                                id,
                                state,
                                Kind.PUBLIC_REPLY,
                                "replies",
                                Map.of("body", m, "visibility", "PUBLIC"),
                                false);
                    }
                    break;
                case "OPEN":
                    if (roll < 20) {
                        return command(
                                id,
                                state,
                                Kind.PUBLIC_REPLY,
                                "replies",
                                Map.of("body", m, "visibility", "PUBLIC"),
                                false);
                    }
                    if (roll < 30) {
                        return command(id, state, Kind.PENDING, "pending", Map.of("reason", m), false);
                    }
                    if (roll < 38) {
                        return command(id, state, Kind.RESOLVE, "resolve", Map.of("resolution", m), false);
                    }
                    if (roll < 44) {
                        return assign(id, state);
                    }
                    break;
                case "PENDING":
                    if (roll < 35) {
                        return command(id, state, Kind.RESUME, "resume", Map.of("reason", m), false);
                    }
                    break;
                case "RESOLVED":
                    if (roll < 40) {
                        return command(id, state, Kind.CUSTOMER_MESSAGE, "customer-messages", Map.of("body", m), false);
                    }
                    if (roll < 60) {
                        return command(
                                id,
                                state,
                                Kind.INTERNAL_NOTE,
                                "replies",
                                Map.of("body", m, "visibility", "INTERNAL"),
                                false);
                    }
                    break;
                default:
                    break;
            }
            int other = random.nextInt(4);
            if (other == 0) {
                return command(
                        id, state, Kind.INTERNAL_NOTE, "replies", Map.of("body", m, "visibility", "INTERNAL"), false);
            }
            if (other == 1) {
                return command(id, state, Kind.CUSTOMER_MESSAGE, "customer-messages", Map.of("body", m), false);
            }
            if (other == 2) {
                List<String> others = PRIORITIES.stream()
                        .filter(p -> !p.equals(state.priority))
                        .toList();
                return command(
                        id,
                        state,
                        Kind.PRIORITY,
                        "priority",
                        Map.of("priority", others.get(random.nextInt(others.size())), "reason", m),
                        false);
            }
            // Only ever added: a removed tag would repeat an earlier command's marker in a later event.
            return command(id, state, Kind.TAGS, "tags", Map.of("add", List.of(m)), false);
        }

        private Call assign(String id, State state) {
            // A new group every time, so that every assign is a change and stores an event.
            String group = GROUPS.get(state.group == null || state.group.equals("tier2") ? 0 : 1);
            return command(id, state, Kind.ASSIGN, "assign", Map.of("assignee", user, "group", group), false);
        }

        private Call command(
                String id, State state, Kind kind, String action, Map<String, ?> body, boolean refusalExpected) {
            String marker = kind == Kind.ASSIGN ? null : firstText(body);
            Instant sent = Instant.now();
            Call call = send(
                    kind,
                    id,
                    marker,
                    refusalExpected,
                    sent,
                    () -> client.post("/api/tickets/" + id + "/" + action, body));
            if (state == null) {
                return call;
            }
            if (call.outcome() == Outcome.ACKNOWLEDGED && !refusalExpected) {
                state.apply(kind, body, user);
                ledger.expect(id, state.expected());
            } else if (!call.outcome().definite() || (call.outcome() == Outcome.ACKNOWLEDGED) == refusalExpected) {
                // The client no longer knows what the ticket looks like: leave it alone from now on.
                ledger.lose(id);
                tickets.remove(id);
            }
            return call;
        }

        private Call send(
                Kind kind,
                String id,
                String marker,
                boolean refusalExpected,
                Instant sent,
                java.util.function.Supplier<ApiResponse> request) {
            Call call;
            try {
                ApiResponse answer = request.get();
                String ticketId = id;
                long version = 0;
                if (answer.status() == 200 || answer.status() == 201) {
                    JsonNode json = answer.json();
                    ticketId = json.path("id").asText(id);
                    version = json.path("version").asLong();
                }
                call = new Call(
                        name,
                        target,
                        kind,
                        ticketId,
                        marker,
                        refusalExpected,
                        sent,
                        Instant.now(),
                        answer.status(),
                        version,
                        answer.contentType(),
                        answer.header("Retry-After"),
                        answer.body(),
                        null);
            } catch (RuntimeException e) {
                call = new Call(
                        name,
                        target,
                        kind,
                        id,
                        marker,
                        refusalExpected,
                        sent,
                        Instant.now(),
                        0,
                        0,
                        null,
                        null,
                        null,
                        e);
            }
            ledger.record(call);
            return call;
        }

        private String marker() {
            return settings.word + "-" + name + "-" + counter.incrementAndGet();
        }

        private String firstText(Map<String, ?> body) {
            for (String field : List.of("body", "reason", "resolution")) {
                if (body.get(field) instanceof String text) {
                    return text;
                }
            }
            if (body.get("add") instanceof List<?> added) {
                return (String) added.get(0);
            }
            return null;
        }
    }

    /** A client's view of one of its tickets. */
    private static final class State {
        private String status;
        private String priority;
        private String assignee;
        private String group;

        State(String status, String priority, String assignee, String group) {
            this.status = status;
            this.priority = priority;
            this.assignee = assignee;
            this.group = group;
        }

        /** The lifecycle table of the API for the commands this load sends. */
        void apply(Kind kind, Map<String, ?> body, String user) {
            switch (kind) {
                case ASSIGN -> {
                    assignee = (String) body.get("assignee");
                    group = (String) body.get("group");
                    if (status.equals("NEW")) {
                        status = "OPEN";
                    }
                }
                case PUBLIC_REPLY -> {
                    if (status.equals("NEW")) {
                        status = "OPEN";
                        assignee = user;
                    }
                }
                case CUSTOMER_MESSAGE -> {
                    if (status.equals("PENDING") || status.equals("RESOLVED")) {
                        status = "OPEN";
                    }
                }
                case PENDING -> status = "PENDING";
                case RESUME -> status = "OPEN";
                case RESOLVE -> status = "RESOLVED";
                case PRIORITY -> priority = (String) body.get("priority");
                default -> {}
            }
        }

        Ledger.Expected expected() {
            return new Ledger.Expected(status, priority, assignee, group);
        }
    }

    /** How a load runs; {@link #start()} starts it. */
    public static final class Builder {

        private final FaultPlatform desk;
        private String word;
        private int clients = 6;
        private Duration limit = Duration.ofSeconds(30);
        private Duration answerBound = Duration.ofSeconds(10);
        private List<String> targets;
        private int sharedTickets;

        private Builder(FaultPlatform desk) {
            this.desk = desk;
            this.targets = List.of(desk.platform().edgeUrl());
        }

        /** The test's own word: in every subject and marker, so the checks find exactly this load's tickets. */
        public Builder word(String word) {
            this.word = word;
            return this;
        }

        public Builder clients(int clients) {
            this.clients = clients;
            return this;
        }

        /** When the load ends by itself; at most {@link #MAX_LIMIT}. */
        public Builder limit(Duration limit) {
            assertThat(limit).isLessThanOrEqualTo(MAX_LIMIT);
            this.limit = limit;
            return this;
        }

        /** The longest any one command may take before it counts as a hang. */
        public Builder answerBound(Duration bound) {
            this.answerBound = bound;
            return this;
        }

        /** Base URLs the clients use in turn (the edge by default; an instance's own URL to bypass it). */
        public Builder targets(List<String> baseUrls) {
            this.targets = List.copyOf(baseUrls);
            return this;
        }

        /**
         * Every client works the same few tickets (opened first) with internal notes and customer
         * messages only, which every ticket of this load accepts, so every acknowledged command must
         * have stored an event of its own: concurrent commands to one ticket, none may be lost.
         */
        public Builder sharedTickets(int count) {
            this.sharedTickets = count;
            return this;
        }

        public Load start() {
            assertThat(word).as("a load needs the test's word").isNotBlank();
            return new Load(this).begin();
        }
    }
}

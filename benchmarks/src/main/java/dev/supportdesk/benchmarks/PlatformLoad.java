package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load on the platform through the edge: opens alone, the agents' mix, the HTTP-stack baseline, and the
 * read-your-write lag. Every workload runs as one {@link Phase} through the {@link PhaseRunner}.
 */
final class PlatformLoad {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"};

    /** An agent's work on one ticket, in order; each step is one HTTP exchange. */
    enum Step {
        OPEN(true),
        ASSIGN(true),
        REPLY(true),
        DETAIL(false),
        NOTE(true),
        PENDING(true),
        RESUME(true),
        QUEUE(false),
        RESOLVE(true);

        final boolean command;

        Step(boolean command) {
            this.command = command;
        }
    }

    /** Operations of the mix per command among them: every step, over the steps that are commands. */
    static final double OPERATIONS_PER_COMMAND = Step.values().length
            / (double) Arrays.stream(Step.values()).filter(step -> step.command).count();

    /** A ticket in the middle of its work: the next step to take and the version its last command answered. */
    private record Work(int number, String id, long version, int step) {}

    private final EdgeClient client;
    private final PhaseRunner runner;
    private final AtomicInteger tickets = new AtomicInteger();

    PlatformLoad(EdgeClient client, PhaseRunner runner) {
        this.client = client;
        this.runner = runner;
    }

    /** Opens tickets, nothing else. */
    Phase opens(PhaseRunner.Load load, Duration duration) {
        Samples open = new Samples("open");
        return runner.run("opens", load, duration, open, List.of(open), intended -> {
            int n = tickets.incrementAndGet();
            EdgeClient.Answer answer = client.post("/api/tickets", openBody("open", n));
            long elapsed = System.nanoTime() - intended;
            if (answer.status() == 201 && answer.id() != null) {
                open.add(elapsed);
            } else {
                open.fail("HTTP " + answer.status() + " " + abbreviate(answer.body()));
            }
        });
    }

    /** The HTTP-stack limit: {@code GET /api/users} through the edge, answered from memory by ticket-command. */
    Phase trivialRequests(PhaseRunner.Load load, Duration duration) {
        Samples users = new Samples("GET /api/users (edge -> ticket-command)");
        return runner.run("http-baseline", load, duration, users, List.of(users), intended -> {
            EdgeClient.Answer answer = client.get("/api/users");
            long elapsed = System.nanoTime() - intended;
            if (answer.status() == 200) {
                users.add(elapsed);
            } else {
                users.fail("HTTP " + answer.status() + " " + abbreviate(answer.body()));
            }
        });
    }

    Phase mix(PhaseRunner.Load load, Duration duration, AtomicReference<List<ProcessMemory.Usage>> memory) {
        return mix("mix", load, duration, memory, null);
    }

    /**
     * The agents' mix at an open-loop rate while every other command answered is read back with
     * {@code ?minVersion=}: {@code lag} gets the time from the command's answer to the read model's.
     */
    Phase mixWithLag(double perSecond, Duration duration, Samples lag) {
        ExecutorService readers = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "bench-lag-reader");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger commands = new AtomicInteger();
        try {
            return mix("mix+lag", PhaseRunner.Load.open(perSecond), duration, null, (id, version) -> {
                if (commands.incrementAndGet() % 2 != 0) {
                    return;
                }
                long answered = System.nanoTime();
                readers.execute(() -> {
                    try {
                        String problem = awaitVisible(id, version, answered + VISIBLE_WITHIN.toNanos());
                        if (problem == null) {
                            lag.add(System.nanoTime() - answered);
                        } else {
                            lag.fail(problem);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        lag.fail(e.toString());
                    }
                });
            });
        } finally {
            readers.shutdown();
            try {
                if (!readers.awaitTermination(VISIBLE_WITHIN.toSeconds() + 10, TimeUnit.SECONDS)) {
                    readers.shutdownNow();
                }
            } catch (InterruptedException e) {
                readers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Answered {
        void command(String id, long version);
    }

    /**
     * Agents working tickets: each operation takes the ticket that waits longest for its next step (or opens a
     * new one when none waits) and takes that step, so one ticket is worked by one client at a time and sees
     * open, assign, public reply, detail read, internal note, pending, resume, queue read, resolve.
     */
    private Phase mix(
            String workload,
            PhaseRunner.Load load,
            Duration duration,
            AtomicReference<List<ProcessMemory.Usage>> memory,
            Answered answered) {
        ConcurrentLinkedQueue<Work> waiting = new ConcurrentLinkedQueue<>();
        Samples commands = new Samples("commands (all kinds)");
        List<Samples> kinds = new ArrayList<>();
        Samples[] byStep = new Samples[Step.values().length];
        for (Step step : Step.values()) {
            byStep[step.ordinal()] = new Samples(workload + " " + step.name().toLowerCase());
            kinds.add(byStep[step.ordinal()]);
        }
        return runner.run(
                workload,
                load,
                duration,
                commands,
                kinds,
                intended -> {
                    Work work = waiting.poll();
                    if (work == null) {
                        work = new Work(tickets.incrementAndGet(), null, 0, 0);
                    }
                    Step step = Step.values()[work.step()];
                    EdgeClient.Answer answer = take(step, work);
                    long elapsed = System.nanoTime() - intended;
                    Samples samples = byStep[step.ordinal()];
                    int expected = step == Step.OPEN ? 201 : 200;
                    if (answer.status() != expected) {
                        String failure = "HTTP " + answer.status() + " " + abbreviate(answer.body());
                        samples.fail(failure);
                        if (step.command) {
                            commands.fail(step + ": " + failure);
                        }
                        return; // the ticket is dropped: its next step would build on a failure
                    }
                    samples.add(elapsed);
                    String id = work.id();
                    long version = work.version();
                    if (step.command) {
                        commands.add(elapsed);
                        id = answer.id();
                        version = answer.version();
                        if (answered != null) {
                            answered.command(id, version);
                        }
                    }
                    if (work.step() + 1 < Step.values().length) {
                        waiting.add(new Work(work.number(), id, version, work.step() + 1));
                    }
                },
                memory);
    }

    private EdgeClient.Answer take(Step step, Work work) throws Exception {
        String path = "/api/tickets/" + work.id();
        return switch (step) {
            case OPEN -> client.post("/api/tickets", openBody("mix", work.number()));
            case ASSIGN -> client.post(path + "/assign", "{\"assignee\":\"alice\"}");
            case REPLY ->
                client.post(
                        path + "/replies",
                        "{\"visibility\":\"PUBLIC\",\"body\":" + EdgeClient.quote(replyText(work.number())) + "}");
            case DETAIL -> client.get(path + "?minVersion=" + work.version());
            case NOTE ->
                client.post(
                        path + "/replies",
                        "{\"visibility\":\"INTERNAL\",\"body\":\"Asked the customer for the printer's model number.\"}");
            case PENDING -> client.post(path + "/pending", "{\"reason\":\"Waiting for the model number\"}");
            case RESUME -> client.post(path + "/resume", "{\"reason\":\"The customer sent it\"}");
            case QUEUE -> client.get("/api/tickets?assignee=me&status=OPEN,PENDING&size=25");
            case RESOLVE -> client.post(path + "/resolve", "{\"resolution\":\"Driver rolled back; printing works.\"}");
        };
    }

    /** Null once the read model shows the ticket at {@code version}; else what went wrong. */
    private String awaitVisible(String id, long version, long deadlineNanos) throws Exception {
        String path = "/api/tickets/" + id + "?minVersion=" + version;
        while (true) {
            EdgeClient.Answer answer = client.get(path);
            if (answer.status() == 200) {
                return null;
            }
            // 504: the read model did not reach the version within the server's 5 s wait; 404: not yet there.
            if (answer.status() != 504 && answer.status() != 404) {
                return "read " + id + ": HTTP " + answer.status() + " " + abbreviate(answer.body());
            }
            if (System.nanoTime() > deadlineNanos) {
                return "read " + id + " v" + version + ": not visible in time (last HTTP " + answer.status() + ")";
            }
            if (answer.status() == 404) {
                Thread.sleep(5);
            }
        }
    }

    /** About 1 KB of JSON, like a ticket opened by an agent with a customer's description. */
    static String openBody(String label, int i) {
        String description = ("Customer reports that the printer on floor " + (i % 12) + " shows error E"
                        + (100 + i % 50)
                        + " after the latest driver update; restarting it did not help, the queue holds about "
                        + (i % 40) + " jobs. ")
                .repeat(4);
        return "{\"subject\":" + EdgeClient.quote("Bench " + label + " #" + i + ": printer error")
                + ",\"description\":" + EdgeClient.quote(description)
                + ",\"channel\":\"" + CHANNELS[i % CHANNELS.length] + "\""
                + ",\"priority\":\"NORMAL\""
                + ",\"requester\":{\"name\":\"Customer " + i + "\",\"email\":\"customer" + i + "@example.com\"}"
                + ",\"tags\":[\"bench\",\"printer\"]}";
    }

    private static String replyText(int i) {
        return "Hello, thank you for the report. We are looking into error E" + (100 + i % 50)
                + " and will come back to you within the hour. Kind regards, Alice";
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
    }
}

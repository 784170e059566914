package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.List;

/** The load on the platform through the edge: commands from concurrent clients, and read-your-write waits. */
final class PlatformLoad {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "MESSENGER", "API"};

    /** The three command kinds of one ticket's life in this benchmark, and the tickets they made. */
    record Commands(Samples open, Samples assign, Samples reply, String[] ids, long[] versions) {

        List<Samples> all() {
            return List.of(open, assign, reply);
        }
    }

    private final EdgeClient client;
    private final Duration phaseTimeout;

    PlatformLoad(EdgeClient client, Duration phaseTimeout) {
        this.client = client;
        this.phaseTimeout = phaseTimeout;
    }

    /**
     * Opens {@code count} tickets with {@code concurrency} clients, then (a second phase) assigns each to
     * alice and sends a public reply on it, the two commands of one ticket one after the other.
     */
    Commands commands(String label, int count, int concurrency) {
        Samples open = new Samples("open");
        Samples assign = new Samples("assign");
        Samples reply = new Samples("reply PUBLIC");
        String[] ids = new String[count];
        long[] versions = new long[count];
        open.wallNanos(Workers.run(label + "-open", concurrency, count, phaseTimeout, i -> {
            long start = System.nanoTime();
            EdgeClient.Answer answer = client.post("/api/tickets", openBody(label, i));
            long elapsed = System.nanoTime() - start;
            if (answer.status() == 201 && answer.id() != null) {
                open.add(elapsed);
                ids[i] = answer.id();
                versions[i] = answer.version();
            } else {
                open.fail("HTTP " + answer.status() + " " + abbreviate(answer.body()));
            }
        }));
        long assignAndReply = Workers.run(label + "-work", concurrency, count, phaseTimeout, i -> {
            if (ids[i] == null) {
                return;
            }
            String path = "/api/tickets/" + ids[i];
            long start = System.nanoTime();
            EdgeClient.Answer assigned = client.post(path + "/assign", "{\"assignee\":\"alice\"}");
            long elapsed = System.nanoTime() - start;
            if (assigned.status() != 200) {
                assign.fail("HTTP " + assigned.status() + " " + abbreviate(assigned.body()));
                return;
            }
            assign.add(elapsed);
            versions[i] = assigned.version();
            start = System.nanoTime();
            EdgeClient.Answer replied = client.post(
                    path + "/replies", "{\"visibility\":\"PUBLIC\",\"body\":" + EdgeClient.quote(replyText(i)) + "}");
            elapsed = System.nanoTime() - start;
            if (replied.status() != 200) {
                reply.fail("HTTP " + replied.status() + " " + abbreviate(replied.body()));
                return;
            }
            reply.add(elapsed);
            versions[i] = replied.version();
        });
        assign.wallNanos(assignAndReply);
        reply.wallNanos(assignAndReply);
        return new Commands(open, assign, reply, ids, versions);
    }

    /**
     * One client, one ticket at a time: the time from the 201 of an open to the read model answering
     * {@code GET /api/tickets/{id}?minVersion=<version of the open>}.
     */
    Samples visibility(String label, int samples) {
        Samples visible = new Samples("open 201 -> visible in read model");
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            try {
                EdgeClient.Answer opened = client.post("/api/tickets", openBody(label, i));
                long acknowledged = System.nanoTime();
                if (opened.status() != 201 || opened.id() == null) {
                    visible.fail("open: HTTP " + opened.status() + " " + abbreviate(opened.body()));
                    continue;
                }
                String problem = awaitVisible(opened.id(), opened.version(), acknowledged + VISIBLE_WITHIN.toNanos());
                if (problem == null) {
                    visible.add(System.nanoTime() - acknowledged);
                } else {
                    visible.fail(problem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("Interrupted while measuring visibility");
            } catch (Exception e) {
                visible.fail(e.toString());
            }
        }
        visible.wallNanos(System.nanoTime() - start);
        return visible;
    }

    /**
     * After the command load: how long until the read model shows every ticket at the version its last
     * command answered (the outbox and the projection working off what the load left behind).
     */
    Samples catchUp(Commands commands) {
        Samples catchUp = new Samples("read model catch-up after the load");
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(120).toNanos();
        for (int i = 0; i < commands.ids().length; i++) {
            if (commands.ids()[i] == null) {
                continue;
            }
            try {
                String problem = awaitVisible(commands.ids()[i], commands.versions()[i], deadline);
                if (problem != null) {
                    catchUp.fail(problem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("Interrupted while waiting for the read model");
            } catch (Exception e) {
                catchUp.fail(e.toString());
            }
        }
        long elapsed = System.nanoTime() - start;
        catchUp.add(elapsed);
        catchUp.wallNanos(elapsed);
        return catchUp;
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
    private static String openBody(String label, int i) {
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

package dev.supportdesk.e2e.hostile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * What a run sent and got: counts per status, every failure with its request and answer, and which
 * correlation ids belong to answered-2xx requests and which to refused ones, so that every stored event
 * can be traced to the request that caused it.
 */
public final class Ledger {

    private final long seed;
    private final Verdicts verdicts;
    private final Map<Integer, AtomicInteger> statuses = new TreeMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** What went wrong, numbers left out → how often, and the first failure of that kind. */
    private final Map<String, Object[]> kinds = new TreeMap<>();
    /** Correlation id (sent or echoed) → the request index, for answers 2xx. */
    private final Map<String, Integer> succeeded = new ConcurrentHashMap<>();
    /** Correlation id (sent or echoed) → the request index, for every other outcome. */
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    private final Map<Integer, Integer> statusOf = new ConcurrentHashMap<>();
    private final AtomicInteger validCommandsDone = new AtomicInteger();

    public Ledger(long seed, Verdicts verdicts) {
        this.seed = seed;
        this.verdicts = verdicts;
    }

    /** Checks the answer and books it; returns the problems found (also kept for the report). */
    public List<String> record(HostileRequest request, Answer answer) {
        List<String> problems = new ArrayList<>(verdicts.problems(request, answer));
        synchronized (statuses) {
            statuses.computeIfAbsent(answer.status(), key -> new AtomicInteger())
                    .incrementAndGet();
        }
        statusOf.put(request.index(), answer.status());
        boolean ok = answer.status() >= 200 && answer.status() < 300;
        Map<String, Integer> book = ok ? succeeded : refused;
        if (request.correlationId() != null) {
            book.put(request.correlationId(), request.index());
        }
        String echoed = answer.header("X-Correlation-Id");
        if (echoed != null) {
            book.put(echoed, request.index());
            if (request.correlationId() != null && !echoed.equals(request.correlationId())) {
                problems.add("the answer carries another correlation id than the valid one sent: " + echoed);
            }
        }
        if (ok
                && request.kind().startsWith("valid:")
                && !request.kind().equals("valid:read")
                && !request.kind().equals("valid:open")) {
            validCommandsDone.incrementAndGet();
        }
        if (!problems.isEmpty()) {
            String failure = "seed " + seed + ", request " + request.describe() + "\n  answer " + answer.describe()
                    + "\n  wrong: " + String.join("; ", problems);
            failures.add(failure);
            String kind = category(request) + ": " + String.join("; ", problems).replaceAll("[0-9]{4,}", "N");
            synchronized (kinds) {
                Object[] seen = kinds.computeIfAbsent(kind, key -> new Object[] {new AtomicInteger(), failure});
                ((AtomicInteger) seen[0]).incrementAndGet();
            }
        }
        return problems;
    }

    /** What a request probes, without its details: {@code method:TRACE}, {@code header:Accept garbage}. */
    private static String category(HostileRequest request) {
        String kind = request.kind();
        if (kind.startsWith("method:")) {
            return "method:" + request.method();
        }
        int detail = kind.indexOf(" (");
        return (detail < 0 ? kind : kind.substring(0, detail)).replaceAll("[0-9]+", "N");
    }

    /** Each kind of failure once: how often it happened and its first instance. */
    public List<String> failureKinds() {
        synchronized (kinds) {
            List<String> list = new ArrayList<>();
            kinds.forEach(
                    (kind, seen) -> list.add(((AtomicInteger) seen[0]).get() + " x " + kind + "\n  first: " + seen[1]));
            return list;
        }
    }

    /** A failure outside any one answer (an event nobody may have stored, a request that broke the generator's rules). */
    public void fail(String failure) {
        failures.add("seed " + seed + ": " + failure);
    }

    /**
     * Traces every stored event to its request: an event of a refused request, or one no 2xx answer
     * accounts for (sla-monitor's own events, role SYSTEM, aside), is a failure.
     *
     * @param describe regenerates request {@code index} for the report
     */
    public void checkEvents(List<StoredEvents.Event> events, IntFunction<String> describe) {
        for (StoredEvents.Event event : events) {
            String id = event.correlationId();
            if (id != null && succeeded.containsKey(id) && !refused.containsKey(id)) {
                continue;
            }
            if (id != null && refused.containsKey(id)) {
                int index = refused.get(id);
                fail("a refused request stored an event: " + event + "\n  request " + describe.apply(index)
                        + "\n  its answer: " + statusOf.get(index));
            } else if (!"SYSTEM".equals(event.actorRole())) {
                fail("an event no 2xx answer accounts for: " + event);
            }
        }
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public int validCommandsDone() {
        return validCommandsDone.get();
    }

    public int count(int fromStatus, int toStatus) {
        synchronized (statuses) {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= fromStatus && e.getKey() < toStatus)
                    .mapToInt(e -> e.getValue().get())
                    .sum();
        }
    }

    /** One line: counts per status class, then per status. */
    public String summary() {
        synchronized (statuses) {
            StringBuilder detail = new StringBuilder();
            statuses.forEach((status, count) -> detail.append(detail.length() == 0 ? "" : " ")
                    .append(status == 0 ? "none" : status)
                    .append('=')
                    .append(count.get()));
            return "2xx=" + count(200, 300) + " 3xx=" + count(300, 400) + " 4xx=" + count(400, 500) + " 5xx="
                    + count(500, 600) + " unanswered=" + count(0, 1) + " (" + detail + ")";
        }
    }
}

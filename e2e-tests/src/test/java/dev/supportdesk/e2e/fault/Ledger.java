package dev.supportdesk.e2e.fault;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every command a load sent and what it was told: acknowledged (with the version answered), refused,
 * or an answer that leaves the outcome open (the service was unavailable, the connection broke, the
 * client's bound ran out). Also what each client believes its tickets look like now, for the tickets
 * whose every command got a definite answer.
 */
public final class Ledger {

    public enum Kind {
        OPEN,
        ASSIGN,
        PUBLIC_REPLY,
        INTERNAL_NOTE,
        CUSTOMER_MESSAGE,
        PENDING,
        RESUME,
        PRIORITY,
        TAGS,
        RESOLVE
    }

    public enum Outcome {
        /** 200 or 201: the events are stored. */
        ACKNOWLEDGED,
        /** 4xx: refused, nothing may be stored. */
        REFUSED,
        /** 502, 503, 504: a part is away; whether a command in flight was stored is open. */
        UNAVAILABLE,
        /** Any other 5xx. */
        SERVER_ERROR,
        /** The connection failed or broke. */
        TRANSPORT_FAILURE,
        /** No answer within the client's bound: a hang. */
        TIMED_OUT;

        boolean definite() {
            return this == ACKNOWLEDGED || this == REFUSED;
        }
    }

    /**
     * One command. {@code marker} is the unique text the command carries (subject, body, reason, tag),
     * null for assign; {@code target} the base URL it went to; {@code refusalExpected} marks a command the load sent knowing the ticket's state
     * forbids it.
     */
    public record Call(
            String client,
            String target,
            Kind kind,
            String ticketId,
            String marker,
            boolean refusalExpected,
            Instant sentAt,
            Instant answeredAt,
            int status,
            long version,
            String contentType,
            String retryAfter,
            String body,
            Throwable failure) {

        public Outcome outcome() {
            if (failure != null) {
                return causedBy(failure, HttpTimeoutException.class) ? Outcome.TIMED_OUT : Outcome.TRANSPORT_FAILURE;
            }
            if (status == 200 || status == 201) {
                return Outcome.ACKNOWLEDGED;
            }
            if (status >= 400 && status < 500) {
                return Outcome.REFUSED;
            }
            if (status == 502 || status == 503 || status == 504) {
                return Outcome.UNAVAILABLE;
            }
            return Outcome.SERVER_ERROR;
        }

        public Duration took() {
            return Duration.between(sentAt, answeredAt);
        }

        @Override
        public String toString() {
            String answer = failure != null
                    ? failure.toString()
                    : status + " " + contentType + (retryAfter == null ? "" : " Retry-After " + retryAfter) + " "
                            + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body);
            return client + " " + kind + " " + ticketId + " [" + marker + "] at " + sentAt + " took "
                    + took().toMillis() + " ms -> " + answer;
        }

        private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What a client believes one of its tickets is, after its own acknowledged commands. */
    public record Expected(String status, String priority, String assignee, String group) {}

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, Boolean> uncertain = new ConcurrentHashMap<>();

    void record(Call call) {
        calls.add(call);
    }

    void expect(String ticketId, Expected state) {
        expected.put(ticketId, state);
    }

    /** The client no longer knows this ticket's state (an answer left the outcome open). */
    void lose(String ticketId) {
        uncertain.put(ticketId, true);
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> with(Outcome outcome) {
        return calls().stream().filter(call -> call.outcome() == outcome).toList();
    }

    public List<Call> acknowledged() {
        return with(Outcome.ACKNOWLEDGED);
    }

    /** Commands whose outcome is open: they may or may not be stored, but whatever is stored must be complete. */
    public List<Call> inDoubt() {
        return calls().stream().filter(call -> !call.outcome().definite()).toList();
    }

    /** Calls sent at or after {@code from} and answered at or before {@code to}. */
    public List<Call> within(Instant from, Instant to) {
        return calls().stream()
                .filter(call ->
                        !call.sentAt().isBefore(from) && !call.answeredAt().isAfter(to))
                .toList();
    }

    public long acknowledgedSince(Instant since) {
        return calls().stream()
                .filter(call ->
                        call.outcome() == Outcome.ACKNOWLEDGED && !call.sentAt().isBefore(since))
                .count();
    }

    /** The expected state of every ticket whose every command got a definite answer. */
    public Map<String, Expected> expectedStates() {
        return expected.entrySet().stream()
                .filter(entry -> !uncertain.containsKey(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Call call : calls()) {
            counts.merge(call.outcome(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public String toString() {
        return calls().size() + " commands " + counts() + ", " + expected.size() + " tickets opened";
    }
}

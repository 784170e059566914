package dev.supportdesk.ticket.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.ticket.command.audit.ChainVerifier.SignedHead;
import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import dev.supportdesk.ticket.command.eventstore.ChainedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    /** A chained stream of n events, as the trigger writes it. */
    private static List<ChainedEvent> stream(int n) {
        List<ChainedEvent> events = new ArrayList<>();
        byte[] previous = CanonicalBytes.ZERO_HASH;
        for (int version = 1; version <= n; version++) {
            ChainedEvent unhashed = event(version, ("{\"n\":" + version + "}"), previous, null);
            byte[] hash = CanonicalBytes.sha256(unhashed.canonicalBytes());
            events.add(event(version, "{\"n\":" + version + "}", previous, hash));
            previous = hash;
        }
        return events;
    }

    private static ChainedEvent event(long version, String payload, byte[] previous, byte[] hash) {
        return new ChainedEvent(
                version,
                "Ticket",
                "T-1",
                version,
                "e-" + version,
                "2026-01-01T00:00:00Z",
                "x.NoteEvent",
                "1",
                payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                previous,
                hash);
    }

    private static ChainedEvent at(ChainedEvent event, long version) {
        return new ChainedEvent(
                event.position(),
                event.aggregateType(),
                event.aggregateId(),
                version,
                event.eventId(),
                event.timeStamp(),
                event.payloadType(),
                event.payloadRevision(),
                event.payload(),
                event.metadata(),
                event.previousHash(),
                event.storedHash());
    }

    private static List<String> problems(List<ChainedEvent> events, Head head, List<SignedHead> signed) {
        return ChainVerifier.verify("T-1", events, head, signed).stream()
                .map(problem -> problem.version() + " " + problem.kind())
                .toList();
    }

    private static Head headOf(List<ChainedEvent> events) {
        ChainedEvent last = events.get(events.size() - 1);
        return new Head("T-1", "Ticket", last.version(), last.storedHash());
    }

    @Test
    void aSoundStreamHasNoProblem() {
        List<ChainedEvent> events = stream(5);
        assertThat(problems(
                        events,
                        headOf(events),
                        List.of(new SignedHead(1, 3, events.get(2).storedHash()))))
                .isEmpty();
    }

    @Test
    void aLinkToAnotherPreviousHashIsAMismatchAtTheLinkingEvent() {
        List<ChainedEvent> events = new ArrayList<>(stream(4));
        ChainedEvent third = events.get(2);
        // Rewritten with its own hash recomputed, the next one untouched.
        ChainedEvent rewritten = event(3, "{\"n\":33}", third.previousHash(), null);
        events.set(2, event(3, "{\"n\":33}", third.previousHash(), CanonicalBytes.sha256(rewritten.canonicalBytes())));
        assertThat(problems(events, headOf(events), List.of())).containsExactly("4 HASH_MISMATCH");
    }

    @Test
    void swappedRowsAreOutOfOrderAtBothAndTheirNeighboursAreNotBlamed() {
        List<ChainedEvent> events = new ArrayList<>(stream(5));
        ChainedEvent second = events.get(1);
        ChainedEvent third = events.get(2);
        events.set(1, at(third, 2));
        events.set(2, at(second, 3));
        assertThat(problems(events, headOf(events), List.of())).containsExactly("2 OUT_OF_ORDER", "3 OUT_OF_ORDER");
    }

    @Test
    void aStreamShorterThanAnySignedHeadIsTruncatedAndAGoneOneAtVersionOne() {
        List<ChainedEvent> events = stream(5);
        List<SignedHead> signed = List.of(new SignedHead(1, 5, events.get(4).storedHash()));
        assertThat(problems(events.subList(0, 3), headOf(events.subList(0, 3)), signed))
                .containsExactly("4 TRUNCATED");
        assertThat(problems(List.of(), null, signed)).containsExactly("1 TRUNCATED");
    }
}

package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import dev.supportdesk.ticket.command.eventstore.ChainedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes one stream's chain and checks it against the heads recorded for it: the head table's and every
 * signed checkpoint's (docs/audit.md, "Verification"). Pure: the caller reads the rows.
 */
final class ChainVerifier {

    /** What is wrong at one place of a stream; {@code version} names the place (docs/audit.md lists the kinds). */
    record Problem(String aggregateId, String aggregateType, Long version, Kind kind) {}

    enum Kind {
        /** The stored bytes do not give the stored hash, or the event does not link to the one before it. */
        HASH_MISMATCH,
        /** A version below the stream's last stored one has no event. */
        MISSING,
        /** The event's hash is right for another version of its stream: events were moved (reported at each). */
        OUT_OF_ORDER,
        /** The stream ends before a head recorded for it (the head table's or a checkpoint's), or is gone. */
        TRUNCATED,
        /** The stream no longer has, at a version, the hash that a signed checkpoint recorded there. */
        CHECKPOINT_MISMATCH,
        /** A stored checkpoint's signature, layout, Merkle root or link to the checkpoint before it is wrong. */
        CHECKPOINT_INVALID
    }

    /** A head a signed checkpoint recorded for a stream. */
    record SignedHead(long checkpoint, long version, byte[] hash) {}

    private ChainVerifier() {}

    /**
     * @param events         the stream's stored events in version order (possibly none)
     * @param recordedHead   the head table's row for it, or null
     * @param signedHeads    what earlier checkpoints recorded for it, possibly none
     */
    static List<Problem> verify(
            String aggregateId, List<ChainedEvent> events, Head recordedHead, List<SignedHead> signedHeads) {
        String type = !events.isEmpty()
                ? events.get(0).aggregateType()
                : recordedHead == null ? null : recordedHead.aggregateType();
        Map<Long, ChainedEvent> byVersion = new HashMap<>();
        long lastStored = 0;
        for (ChainedEvent event : events) {
            byVersion.put(event.version(), event);
            lastStored = Math.max(lastStored, event.version());
        }
        long expectedLength = recordedHead == null ? 0 : recordedHead.version();
        for (SignedHead head : signedHeads) {
            expectedLength = Math.max(expectedLength, head.version());
        }
        long span = Math.max(lastStored, expectedLength);

        Map<Long, Kind> found = new TreeMap<>();
        Set<Long> flagged = new HashSet<>();
        for (ChainedEvent event : events) {
            long version = event.version();
            if (!event.hashMatches()) {
                found.put(version, belongsElsewhere(event, span) ? Kind.OUT_OF_ORDER : Kind.HASH_MISMATCH);
                flagged.add(version);
                continue;
            }
            if (version == 1) {
                if (!Arrays.equals(event.previousHash(), CanonicalBytes.ZERO_HASH)) {
                    found.put(version, Kind.HASH_MISMATCH);
                    flagged.add(version);
                }
                continue;
            }
            ChainedEvent before = byVersion.get(version - 1);
            // A link is judged only between two sound events; a flagged or missing neighbour is reported itself.
            if (before != null
                    && !flagged.contains(version - 1)
                    && !Arrays.equals(event.previousHash(), before.storedHash())) {
                found.put(version, Kind.HASH_MISMATCH);
                flagged.add(version);
            }
        }
        for (long version = 1; version < lastStored; version++) {
            if (!byVersion.containsKey(version)) {
                found.put(version, Kind.MISSING);
            }
        }
        if (expectedLength > lastStored) {
            found.put(lastStored + 1, Kind.TRUNCATED);
        }
        for (SignedHead head : signedHeads) {
            ChainedEvent event = byVersion.get(head.version());
            if (event != null && !flagged.contains(head.version()) && !Arrays.equals(event.storedHash(), head.hash())) {
                found.putIfAbsent(head.version(), Kind.CHECKPOINT_MISMATCH);
            }
        }
        List<Problem> problems = new ArrayList<>();
        found.forEach((version, kind) -> problems.add(new Problem(aggregateId, type, version, kind)));
        return problems;
    }

    /** Whether the stored hash is this event's own at another version of the stream (with its stored link). */
    private static boolean belongsElsewhere(ChainedEvent event, long span) {
        if (event.storedHash() == null || event.previousHash() == null) {
            return false;
        }
        for (long version = 1; version <= span; version++) {
            if (version != event.version()
                    && Arrays.equals(
                            event.storedHash(),
                            CanonicalBytes.sha256(event.canonicalBytesAt(version, event.previousHash())))) {
                return true;
            }
        }
        return false;
    }
}

package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.audit.ChainVerifier.Problem;
import dev.supportdesk.ticket.command.eventstore.ChainStore;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import dev.supportdesk.ticket.command.eventstore.ChainedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Recomputes the chains from the event store and checks them against the heads and the signed checkpoints. */
class AuditVerification {

    /** The answer of a verification; {@code ticketsChecked} counts streams of every aggregate type. */
    record Result(
            boolean verified,
            long ticketsChecked,
            long eventsChecked,
            int checkpointsChecked,
            List<Problem> problems) {}

    /** Told about progress while the whole store is checked. */
    interface Progress {
        void checked(long streams, long events);
    }

    private final ChainStore chain;
    private final Checkpoints checkpoints;

    AuditVerification(ChainStore chain, Checkpoints checkpoints) {
        this.chain = chain;
        this.checkpoints = checkpoints;
    }

    /** One stream at once; empty when the store has never known it (no event, no head, no checkpoint). */
    Optional<Result> verify(String aggregateId) {
        CheckpointAudit audit = audit();
        // The head before the events: a command that commits in between then only makes the stream longer
        // than its head, never shorter.
        Head head = chain.head(aggregateId);
        List<ChainedEvent> events = chain.stream(aggregateId);
        List<ChainVerifier.SignedHead> signed = audit.signedHeadsOf(aggregateId);
        if (events.isEmpty() && head == null && signed.isEmpty()) {
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>(audit.problems);
        problems.addAll(ChainVerifier.verify(aggregateId, events, head, signed));
        return Optional.of(new Result(problems.isEmpty(), 1, events.size(), audit.checkpoints, problems));
    }

    /** Every stream of the store, streamed in one snapshot, then every stream recorded somewhere but gone. */
    Result verifyAll(Progress progress) {
        CheckpointAudit audit = audit();
        Map<String, Head> heads = chain.heads();
        Set<String> expected = new TreeSet<>(heads.keySet());
        expected.addAll(audit.signedHeads.keySet());
        List<Problem> problems = new ArrayList<>(audit.problems);
        long[] counts = new long[2];
        chain.forEachStream(events -> {
            String id = events.get(0).aggregateId();
            expected.remove(id);
            problems.addAll(ChainVerifier.verify(id, events, heads.get(id), audit.signedHeadsOf(id)));
            counts[0]++;
            counts[1] += events.size();
            // From the first stream on, so that a job shows it has started reading.
            if (counts[0] == 1 || counts[0] % 500 == 0) {
                progress.checked(counts[0], counts[1]);
            }
        });
        for (String gone : expected) {
            problems.addAll(ChainVerifier.verify(gone, List.of(), heads.get(gone), audit.signedHeadsOf(gone)));
            counts[0]++;
        }
        progress.checked(counts[0], counts[1]);
        return new Result(problems.isEmpty(), counts[0], counts[1], audit.checkpoints, problems);
    }

    /** How many streams a whole-store check will visit, for progress. */
    long streamsToCheck() {
        return chain.heads().size();
    }

    private CheckpointAudit audit() {
        return new CheckpointAudit(checkpoints.all(), checkpoints.signer().orElse(null));
    }
}

package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.audit.ChainVerifier.Kind;
import dev.supportdesk.ticket.command.audit.ChainVerifier.Problem;
import dev.supportdesk.ticket.command.audit.ChainVerifier.SignedHead;
import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the stored checkpoints themselves, in order: each is signed by the configured key over exactly its
 * stored values, names the hash of the one before it, and its Merkle root is that of its full head set. Only
 * the heads of sound checkpoints count as evidence about the streams.
 */
final class CheckpointAudit {

    final List<Problem> problems = new ArrayList<>();
    /** Per stream, every head a sound checkpoint recorded. */
    final Map<String, List<SignedHead>> signedHeads = new HashMap<>();

    final int checkpoints;

    CheckpointAudit(List<Checkpoint> stored, CheckpointSigner signer) {
        this.checkpoints = stored.size();
        Map<String, Head> heads = new TreeMap<>();
        byte[] previousHash = CanonicalBytes.ZERO_HASH;
        long expectedSequence = 1;
        for (Checkpoint checkpoint : stored) {
            for (Head head : checkpoint.changedHeads()) {
                heads.put(head.aggregateId(), head);
            }
            Checkpoint signed = Checkpoint.parse(checkpoint.signedBytes());
            List<Head> sorted = MerkleTree.sorted(heads.values());
            boolean sound = signed != null
                    && signer != null
                    && signer.verifies(checkpoint.signedBytes(), checkpoint.signature())
                    && signed.sequence() == checkpoint.sequence()
                    && signed.sequence() == expectedSequence
                    && Arrays.equals(signed.previousHash(), previousHash)
                    && signed.streams() == sorted.size()
                    && signed.events()
                            == sorted.stream().mapToLong(Head::version).sum()
                    && Arrays.equals(signed.merkleRoot(), MerkleTree.root(sorted));
            if (sound) {
                for (Head head : checkpoint.changedHeads()) {
                    signedHeads
                            .computeIfAbsent(head.aggregateId(), id -> new ArrayList<>())
                            .add(new SignedHead(checkpoint.sequence(), head.version(), head.hash()));
                }
            } else {
                problems.add(new Problem(null, null, checkpoint.sequence(), Kind.CHECKPOINT_INVALID));
            }
            previousHash = CanonicalBytes.sha256(checkpoint.signedBytes());
            expectedSequence = checkpoint.sequence() + 1;
        }
    }

    List<SignedHead> signedHeadsOf(String aggregateId) {
        return signedHeads.getOrDefault(aggregateId, List.of());
    }
}

package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A signed checkpoint as answered by {@code GET /api/audit/checkpoints}, published on the checkpoint topic and
 * written into exports: the signed bytes and signature (base64) are what an auditor checks; the other values
 * repeat them for reading. {@code heads} are the stream heads that changed since the checkpoint before.
 */
record CheckpointView(
        long sequence,
        Instant signedAt,
        long streams,
        long events,
        String merkleRoot,
        String previousHash,
        String hash,
        long chainedByMigration,
        String keyId,
        String signedBytes,
        String signature,
        List<HeadView> heads) {

    record HeadView(String aggregateId, long version, String hash) {}

    static CheckpointView of(Checkpoint checkpoint) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new CheckpointView(
                checkpoint.sequence(),
                checkpoint.signedAt(),
                checkpoint.streams(),
                checkpoint.events(),
                CanonicalBytes.hex(checkpoint.merkleRoot()),
                CanonicalBytes.hex(checkpoint.previousHash()),
                CanonicalBytes.hex(checkpoint.hash()),
                checkpoint.chainedByMigration(),
                checkpoint.keyId(),
                base64.encodeToString(checkpoint.signedBytes()),
                base64.encodeToString(checkpoint.signature()),
                checkpoint.changedHeads().stream()
                        .map(head -> new HeadView(head.aggregateId(), head.version(), CanonicalBytes.hex(head.hash())))
                        .toList());
    }
}

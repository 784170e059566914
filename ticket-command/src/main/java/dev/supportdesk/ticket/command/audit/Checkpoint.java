package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One signed checkpoint: what was signed ({@link #signedBytes}, laid out as docs/audit.md says), the
 * signature, and the heads that changed since the checkpoint before it.
 */
record Checkpoint(
        long sequence,
        Instant signedAt,
        long streams,
        long events,
        byte[] merkleRoot,
        byte[] previousHash,
        long chainedByMigration,
        String keyId,
        byte[] signedBytes,
        byte[] signature,
        List<Head> changedHeads) {

    static final String TAG = "supportdesk.audit.checkpoint.v1";

    static byte[] signedBytes(
            long sequence,
            Instant signedAt,
            long streams,
            long events,
            byte[] merkleRoot,
            byte[] previousHash,
            long chainedByMigration) {
        return CanonicalBytes.start(TAG)
                .number(sequence)
                .text(signedAt.toString())
                .number(streams)
                .number(events)
                .bytes(merkleRoot)
                .bytes(previousHash)
                .number(chainedByMigration)
                .toByteArray();
    }

    /** SHA-256 of the signed bytes: what the next checkpoint names as its previous. */
    byte[] hash() {
        return CanonicalBytes.sha256(signedBytes);
    }

    /** The signed values read back from the signed bytes themselves; null when they are not in that layout. */
    static Checkpoint parse(byte[] signed) {
        try {
            ByteBuffer in = ByteBuffer.wrap(signed);
            if (!TAG.equals(text(in))) {
                return null;
            }
            long sequence = in.getLong();
            Instant signedAt = Instant.parse(text(in));
            long streams = in.getLong();
            long events = in.getLong();
            byte[] root = bytes(in);
            byte[] previous = bytes(in);
            long chained = in.getLong();
            if (in.hasRemaining()) {
                return null;
            }
            return new Checkpoint(
                    sequence, signedAt, streams, events, root, previous, chained, null, signed, null, List.of());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(ByteBuffer in) {
        byte[] bytes = bytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}

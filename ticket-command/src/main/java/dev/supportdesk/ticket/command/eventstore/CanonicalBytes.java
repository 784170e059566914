package dev.supportdesk.ticket.command.eventstore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's byte layouts, exactly as docs/audit.md writes them out (and as the migration's
 * {@code audit_canonical_bytes} builds them inside PostgreSQL): a sequence of fields, each text as UTF-8 and each
 * byte string preceded by its length as a 4-byte big-endian integer (-1 for an absent value), each number an
 * 8-byte big-endian integer.
 */
public final class CanonicalBytes {

    /** The first event of a stream has this as its previous hash: 32 zero bytes (64 zero hex digits). */
    public static final byte[] ZERO_HASH = new byte[32];

    static final String EVENT_TAG = "supportdesk.audit.event.v1";

    /**
     * One digest per thread, reused: the whole-store verification hashes every event, and looking the algorithm up
     * again for each costs more than hashing a short event.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private final ByteArrayOutputStream out;

    private CanonicalBytes(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
    }

    public static CanonicalBytes start(String tag) {
        return new CanonicalBytes(256).text(tag);
    }

    public CanonicalBytes text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public CanonicalBytes bytes(byte[] value) {
        if (value == null) {
            integer(-1);
        } else {
            integer(value.length);
            out.writeBytes(value);
        }
        return this;
    }

    public CanonicalBytes number(long value) {
        integer((int) (value >>> 32));
        integer((int) value);
        return this;
    }

    /** Four bytes, big-endian. */
    private void integer(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** The canonical bytes of one stored event; its hash is {@link #sha256} of them. */
    public static byte[] event(
            String aggregateType,
            String aggregateId,
            long version,
            String eventId,
            String timeStamp,
            String payloadType,
            String payloadRevision,
            byte[] payload,
            byte[] metadata,
            byte[] previousHash) {
        // Sized for the event, so that the buffer never grows while the fields are written.
        int size = 512 + (payload == null ? 0 : payload.length) + (metadata == null ? 0 : metadata.length);
        return new CanonicalBytes(size)
                .text(EVENT_TAG)
                .text(aggregateType)
                .text(aggregateId)
                .number(version)
                .text(eventId)
                .text(timeStamp)
                .text(payloadType)
                .text(payloadRevision)
                .bytes(payload)
                .bytes(metadata)
                .bytes(previousHash)
                .toByteArray();
    }

    public static byte[] sha256(byte[] bytes) {
        // digest() resets the digest for the next use.
        return SHA_256.get().digest(bytes);
    }

    /** Lower-case hex, the form hashes take in answers; null stays null. */
    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}

package dev.supportdesk.ticket.command.eventstore;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public static CanonicalBytes start(String tag) {
        return new CanonicalBytes().text(tag);
    }

    public CanonicalBytes text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public CanonicalBytes bytes(byte[] value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
        } else {
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
        }
        return this;
    }

    public CanonicalBytes number(long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
        return this;
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
        return start(EVENT_TAG)
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
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lower-case hex, the form hashes take in answers; null stays null. */
    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}

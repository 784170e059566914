package dev.supportdesk.ticket.command.eventstore;

import java.util.Arrays;

/**
 * One stored event as the audit chain sees it: every column its hash covers, as stored, and the two hashes
 * stored beside it (null when a row was written with the chain bypassed).
 *
 * @param version the stream's version after this event (sequence number + 1)
 */
public record ChainedEvent(
        long position,
        String aggregateType,
        String aggregateId,
        long version,
        String eventId,
        String timeStamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata,
        byte[] previousHash,
        byte[] storedHash) {

    /** The bytes the hash covers, with the previous hash this row stores. */
    public byte[] canonicalBytes() {
        return canonicalBytesAt(version, previousHash);
    }

    /** The bytes this event's hash would cover at another place in its stream. */
    public byte[] canonicalBytesAt(long atVersion, byte[] previous) {
        return CanonicalBytes.event(
                aggregateType,
                aggregateId,
                atVersion,
                eventId,
                timeStamp,
                payloadType,
                payloadRevision,
                payload,
                metadata,
                previous);
    }

    /** Whether the stored hash is the hash of this row's own bytes. */
    public boolean hashMatches() {
        return storedHash != null
                && previousHash != null
                && Arrays.equals(storedHash, CanonicalBytes.sha256(canonicalBytes()));
    }
}

package dev.supportdesk.platform.consumer;

import java.time.Instant;

/**
 * An event a consumer parked: FAILED (applying it failed, {@code error} says why) or WAITING (it waits behind a
 * failed or a missing earlier version of its stream). The raw record is kept for the retry.
 */
public record ParkedEvent(
        String consumer,
        String eventId,
        String aggregateType,
        String aggregateId,
        long version,
        String eventType,
        Reason reason,
        String error,
        int attempts,
        Instant parkedAt,
        Instant lastAttemptAt,
        RawRecord record) {

    public enum Reason {
        FAILED,
        WAITING
    }

    /** A record as it was read from the topic. */
    public record RawRecord(String topic, int partition, long offset, String key, byte[] value, byte[] headers) {}
}

package dev.supportdesk.ticket.command.ticket;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code support.commands.snapshots.*}: when a ticket's state is stored as an Axon snapshot.
 *
 * @param threshold events read or appended since the last snapshot (or the stream's start) after which a command
 *                  stores a new one (10..100,000); most tickets never reach it, long ones load from the snapshot
 */
@ConfigurationProperties("support.commands.snapshots")
record TicketSnapshotProperties(int threshold) {

    TicketSnapshotProperties {
        if (threshold < 10 || threshold > 100_000) {
            throw new IllegalArgumentException(
                    "support.commands.snapshots.threshold must be within 10..100000, got " + threshold);
        }
    }
}

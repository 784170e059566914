package dev.supportdesk.ticket.query.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rebuilds of read models: {@code support.replay.*}, written in application.yml.
 *
 * @param batchSize records a rebuild applies in one transaction (its offsets and the streams' versions commit with
 *                  them); larger than the live consumer's, since a rebuild reads a long backlog and nobody waits for
 *                  one event of it
 */
@ConfigurationProperties("support.replay")
record ReplayProperties(int batchSize) {

    ReplayProperties {
        if (batchSize < 1 || batchSize > 50_000) {
            throw new IllegalArgumentException("support.replay.batch-size must be 1 to 50000: " + batchSize);
        }
    }
}

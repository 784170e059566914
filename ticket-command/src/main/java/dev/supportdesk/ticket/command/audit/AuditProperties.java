package dev.supportdesk.ticket.command.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit checkpoints' settings (docs/audit.md).
 *
 * @param signingKey          the Ed25519 private key as base64 PKCS#8 (DER); empty when a file gives it
 * @param signingKeyFile      a file holding the Ed25519 private key as PKCS#8, DER or PEM; empty when the value
 *                            gives it. With neither, checkpoints are not signed and verification checks the
 *                            chains and heads only.
 * @param checkpointInterval  how often a checkpoint is signed when the store changed since the last one
 * @param checkpointTopic     the append-only Kafka topic the signed checkpoints are published on
 */
@ConfigurationProperties("support.audit")
record AuditProperties(String signingKey, String signingKeyFile, Duration checkpointInterval, String checkpointTopic) {

    AuditProperties {
        signingKey = signingKey == null ? "" : signingKey.trim();
        signingKeyFile = signingKeyFile == null ? "" : signingKeyFile.trim();
        if (!signingKey.isEmpty() && !signingKeyFile.isEmpty()) {
            throw new IllegalArgumentException("support.audit: set signing-key or signing-key-file, not both");
        }
        if (checkpointInterval == null || checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("support.audit.checkpoint-interval must be at least 1s");
        }
        if (checkpointTopic == null || checkpointTopic.isBlank()) {
            throw new IllegalArgumentException("support.audit.checkpoint-topic must be set");
        }
    }
}

package dev.supportdesk.ticket.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.platform.kafka.TicketTopic;
import dev.supportdesk.ticket.command.eventstore.ChainStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The audit chain's checkpoints, their signing key, publication and verification (docs/audit.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    Checkpoints auditCheckpoints(
            JdbcTemplate jdbc,
            ChainStore chain,
            AuditProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        Optional<CheckpointSigner> signer = CheckpointSigner.configured(properties);
        if (signer.isEmpty()) {
            log.warn("No audit signing key configured (support.audit.signing-key or signing-key-file): checkpoints"
                    + " are not signed, verification checks the chains and the head table only");
        } else {
            log.info(
                    "Audit checkpoints are signed with Ed25519 key {}",
                    signer.get().keyId());
        }
        return new Checkpoints(jdbc, chain, signer, transactions, clock);
    }

    @Bean
    AuditVerification auditVerification(ChainStore chain, Checkpoints checkpoints) {
        return new AuditVerification(chain, checkpoints);
    }

    @Bean
    VerificationJobs verificationJobs(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AuditVerification verification,
            ObjectMapper json,
            Clock clock) {
        return new VerificationJobs(jdbc, transactions, verification, json, clock);
    }

    @Bean
    CheckpointPublisher checkpointPublisher(
            Checkpoints checkpoints,
            AuditProperties properties,
            TicketTopic ticketTopic,
            @Value("${support.kafka.replication-factor}") short replicationFactor,
            ObjectMapper json) {
        // One partition: the checkpoints keep one order, as they were signed.
        TicketTopic topic =
                new TicketTopic(properties.checkpointTopic(), 1, replicationFactor, ticketTopic.bootstrapServers());
        return new CheckpointPublisher(checkpoints, topic, json, properties.checkpointInterval());
    }
}

package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.supportdesk.testing.TestKafka;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A checkpoint signed on demand: signed with the configured key, listed, and published on its own topic. */
class AuditCheckpointTopicIT extends CommandApiTestSupport {

    @Test
    void aSignedCheckpointIsListedVerifiableWithThePublicKeyAndPublished() throws Exception {
        openTicket();
        Answer signed = post("/api/audit/checkpoints", "").as("admin").send();
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        JsonNode checkpoint = signed.json();
        long sequence = checkpoint.get("sequence").asLong();

        JsonNode key = call("GET", "/api/audit/public-key").as("audrey").send().json();
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(Base64.getDecoder().decode(key.get("publicKey").asText()))
                .isEqualTo(AUDIT_KEY.getPublic().getEncoded());
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.get("publicKey").asText())));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(Base64.getDecoder().decode(checkpoint.get("signedBytes").asText()));
        assertThat(verifier.verify(
                        Base64.getDecoder().decode(checkpoint.get("signature").asText())))
                .isTrue();

        JsonNode listed =
                call("GET", "/api/audit/checkpoints").as("audrey").send().json().get("items");
        assertThat(listed.get(listed.size() - 1).get("hash").asText())
                .isEqualTo(checkpoint.get("hash").asText());
        if (listed.size() > 1) {
            assertThat(checkpoint.get("previousHash").asText())
                    .isEqualTo(listed.get(listed.size() - 2).get("hash").asText());
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "checkpoint-it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("support.audit-checkpoints"));
            List<JsonNode> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    published.add(JSON.readTree(record.value()));
                }
                return published.stream().anyMatch(p -> p.get("sequence").asLong() == sequence);
            });
            JsonNode ours = published.stream()
                    .filter(p -> p.get("sequence").asLong() == sequence)
                    .findFirst()
                    .orElseThrow();
            assertThat(ours.get("signature").asText())
                    .isEqualTo(checkpoint.get("signature").asText());
            assertThat(ours.get("signedBytes").asText())
                    .isEqualTo(checkpoint.get("signedBytes").asText());
        }
        assertThat(jdbc.queryForObject(
                        "SELECT published FROM ticket_command.audit_checkpoint WHERE sequence = ?",
                        Boolean.class,
                        sequence))
                .isTrue();
    }
}

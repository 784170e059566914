package dev.supportdesk.ticket.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSignerTest {

    private static AuditProperties properties(String key, String file) {
        return new AuditProperties(key, file, Duration.ofMinutes(1), "support.audit-checkpoints");
    }

    @Test
    void theConfiguredPrivateKeyGivesItsOwnPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointSigner signer = CheckpointSigner.configured(properties(
                        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), ""))
                .orElseThrow();
        assertThat(signer.publicKeyX509()).isEqualTo(pair.getPublic().getEncoded());

        byte[] message = "checkpoint".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(message);
        assertThat(CheckpointSigner.verifies(pair.getPublic(), message, signature))
                .isTrue();
        assertThat(signer.verifies("checkpoinT".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
    }

    @Test
    void aPemFileWorksAsWellAndNoKeyMeansNoSigner(@TempDir Path directory) throws Exception {
        byte[] pkcs8 = CheckpointSigner.generatePkcs8();
        Path pem = directory.resolve("key.pem");
        Files.writeString(
                pem,
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");
        Path der = directory.resolve("key.pk8");
        Files.write(der, pkcs8);
        assertThat(CheckpointSigner.configured(properties("", pem.toString()))
                        .orElseThrow()
                        .keyId())
                .isEqualTo(CheckpointSigner.configured(properties("", der.toString()))
                        .orElseThrow()
                        .keyId());
        assertThat(CheckpointSigner.configured(properties("", ""))).isEmpty();
        assertThatThrownBy(() -> CheckpointSigner.configured(properties("bm90IGEga2V5", "")))
                .isInstanceOf(IllegalStateException.class);
    }
}

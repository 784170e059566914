package dev.supportdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {

    @Test
    void theFirstStartMakesAnEd25519KeyAndLaterStartsKeepIt(@TempDir Path data) throws Exception {
        Path file = data.resolve("nested").resolve(AuditSigningKey.FILE);
        assertThat(AuditSigningKey.ensure(file)).isTrue();
        byte[] made = Files.readAllBytes(file);
        assertThat(KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(made))
                        .getAlgorithm())
                .isIn("Ed25519", "EdDSA");

        assertThat(AuditSigningKey.ensure(file)).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(made);
    }

    @Test
    void everyServiceIsToldWhereTheKeyIs(@TempDir Path data) {
        LocalPlatform platform = LocalPlatform.builder()
                .fromEnvironment(Map.of("DATA_DIR", data.toString()))
                .build();
        assertThat(platform.serviceEnvironment())
                .containsEntry(
                        "AUDIT_SIGNING_KEY_FILE",
                        data.resolve(AuditSigningKey.FILE).toAbsolutePath().toString());
    }
}

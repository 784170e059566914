package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs checkpoints with the Ed25519 key of the configuration (never stored in the database) and checks
 * signatures with its public key. An Ed25519 private key is a 32-byte seed from which the public key follows;
 * the JDK derives it only while generating, so the pair is generated again from the configured seed.
 */
final class CheckpointSigner {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointSigner(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    /** The configured key; empty when none is configured. */
    static Optional<CheckpointSigner> configured(AuditProperties properties) {
        try {
            if (!properties.signingKey().isEmpty()) {
                return Optional.of(fromPkcs8(Base64.getDecoder().decode(properties.signingKey())));
            }
            if (!properties.signingKeyFile().isEmpty()) {
                return Optional.of(fromPkcs8(readKeyFile(Path.of(properties.signingKeyFile()))));
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("support.audit: the signing key cannot be read as Ed25519 PKCS#8", e);
        }
    }

    static CheckpointSigner fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey loaded = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] seed = ((EdECPrivateKey) loaded)
                .getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key has no seed bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(seed, regenerated)) {
            throw new GeneralSecurityException("the public key could not be derived from the private key");
        }
        return new CheckpointSigner(pair);
    }

    /** A fresh key pair's private half as PKCS#8 (the local start and tests make their own). */
    static byte[] generatePkcs8() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(ALGORITHM)
                .generateKeyPair()
                .getPrivate()
                .getEncoded();
    }

    private static byte[] readKeyFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        }
        return content;
    }

    byte[] sign(byte[] bytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(bytes);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verifies(byte[] bytes, byte[] signatureBytes) {
        return verifies(publicKey, bytes, signatureBytes);
    }

    static boolean verifies(PublicKey key, byte[] bytes, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(bytes);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    }

    /** The public key as X.509 SubjectPublicKeyInfo (DER), the form {@code GET /api/audit/public-key} answers. */
    byte[] publicKeyX509() {
        return publicKey.getEncoded();
    }

    /** SHA-256 of the public key's X.509 bytes, hex: names the key a checkpoint was signed with. */
    String keyId() {
        return CanonicalBytes.hex(CanonicalBytes.sha256(publicKeyX509()));
    }

    /** Hands the generator exactly the configured seed, so that it rebuilds that key's pair. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " bytes, the seed has " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}

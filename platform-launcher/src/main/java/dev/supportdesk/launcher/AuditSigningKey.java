package dev.supportdesk.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;

/**
 * The local start's audit signing key (docs/audit.md): an Ed25519 private key as PKCS#8 (DER) under the data
 * directory, made on the first start and kept, outside the database it protects.
 */
final class AuditSigningKey {

    static final String FILE = "audit-signing-key.pk8";

    private AuditSigningKey() {}

    /** Makes the key file when it is missing; answers whether it made one. */
    static boolean ensure(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPrivate()
                    .getEncoded();
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            Files.write(partial, pkcs8);
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's own permissions apply.
            }
            Files.move(partial, file);
            return true;
        } catch (IOException | GeneralSecurityException e) {
            throw new PlatformException("Cannot make the audit signing key " + file + ": " + e.getMessage(), e);
        }
    }
}

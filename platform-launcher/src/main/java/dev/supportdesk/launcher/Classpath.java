package dev.supportdesk.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Expands a classpath with the jars that its jars' manifests name, so a child JVM sees the same classes. */
final class Classpath {

    private Classpath() {}

    static String expanded(String classpath) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void add(Path entry, Set<String> entries) {
        if (!entries.add(entry.toString()) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String manifestClasspath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (manifestClasspath == null) {
                return;
            }
            for (String reference : manifestClasspath.trim().split("\\s+")) {
                if (!reference.isEmpty()) {
                    add(resolve(entry, reference), entries);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable jar simply contributes nothing beyond itself.
        }
    }

    /** Class-Path entries are URLs, relative to the jar that names them, or absolute file: URLs. */
    private static Path resolve(Path jar, String reference) {
        URI base = jar.getParent().toUri();
        return Path.of(base.resolve(reference)).toAbsolutePath().normalize();
    }
}

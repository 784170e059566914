package dev.supportdesk.e2e;

import dev.supportdesk.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What every platform of the end-to-end tests shares: the repository's jars, fresh data, free ports, JVM flags. */
public final class TestPlatforms {

    private TestPlatforms() {}

    /**
     * A builder for a platform under {@code e2e-tests/target/<dataName>}, emptied first so that counts in
     * the tests mean this run only, on free loopback ports. The services' JVM options come from the build
     * ({@code platform.serviceJvmOptions}); without it the local start's own apply.
     */
    public static LocalPlatform.Builder builder(String dataName) {
        Path root = Path.of(System.getProperty("platform.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path data = root.resolve("e2e-tests").resolve("target").resolve(dataName);
        deleteRecursively(data);
        LocalPlatform.Builder builder =
                LocalPlatform.builder().rootDirectory(root).dataDirectory(data).randomPorts();
        String jvmOptions = System.getProperty("platform.serviceJvmOptions", "");
        if (!jvmOptions.isBlank()) {
            builder.serviceJvmOptions(jvmOptions);
        }
        return builder;
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("Could not clear " + directory, e);
        }
    }
}

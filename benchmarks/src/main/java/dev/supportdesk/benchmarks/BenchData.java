package dev.supportdesk.benchmarks;

import dev.supportdesk.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What every benchmark program does around its platform: a data directory wiped first, the platform stopped last. */
final class BenchData {

    private BenchData() {}

    /** Deletes the directory and everything in it; nothing happens when it does not exist. */
    static void wipe(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new BenchmarkException("Could not clear " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Stops the platform and takes back the shutdown hook that would have stopped it on Ctrl-C. */
    static void stop(LocalPlatform platform, Thread shutdownHook) {
        platform.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook runs anyway, and close() is idempotent
        }
    }
}

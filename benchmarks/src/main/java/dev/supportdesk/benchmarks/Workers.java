package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed number of clients working through numbered tasks together; each task runs once. */
final class Workers {

    /** One unit of work; it records its own latency and failure. */
    interface Task {
        void run(int index) throws Exception;
    }

    private Workers() {}

    /** Runs tasks 0..count-1 on {@code concurrency} threads and returns the wall time in nanoseconds. */
    static long run(String name, int concurrency, int count, Duration timeout, Task task) {
        if (count == 0) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "bench-" + name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                int index;
                while ((index = next.getAndIncrement()) < count
                        && !Thread.currentThread().isInterrupted()) {
                    try {
                        task.run(index);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        // The task records its own failures; anything else is a bug in the benchmark.
                        System.err.println("[bench] " + name + " task " + index + " failed: " + e);
                    }
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                throw new BenchmarkException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new BenchmarkException(name + " was interrupted");
        }
        return System.nanoTime() - start;
    }
}

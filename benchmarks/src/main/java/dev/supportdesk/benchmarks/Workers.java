package dev.supportdesk.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Clients that drive a load: closed loop (a fixed number, each sending again once answered) or open loop (a rate). */
final class Workers {

    /**
     * One operation; it records its own latency and failure. {@code intendedNanos} is when it should have
     * started: in an open loop an operation that waits for a free client counts its wait too.
     */
    interface Operation {
        void run(long intendedNanos) throws Exception;
    }

    /** Clients an open loop may have in flight; beyond them arrivals queue (and their wait is counted). */
    private static final int OPEN_LOOP_THREADS = 256;

    private Workers() {}

    /** {@code clients} threads each run the operation back to back for {@code duration}; answers the wall nanos. */
    static long closedLoop(String name, int clients, Duration duration, Duration timeout, Operation operation) {
        ExecutorService pool = pool(name, clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    runOne(name, operation, System.nanoTime());
                }
            });
        }
        finish(name, pool, timeout);
        return System.nanoTime() - start;
    }

    /**
     * Starts operations at {@code perSecond} evenly spaced instants for {@code duration}, whatever the answers
     * do (an open loop: the latency seen is the latency of that arrival rate); answers the wall nanos until
     * the last answer.
     */
    static long openLoop(String name, double perSecond, Duration duration, Duration timeout, Operation operation) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                OPEN_LOOP_THREADS, OPEN_LOOP_THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads(name));
        long start = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        long arrivals = (long) (perSecond * duration.toNanos() / 1e9);
        for (long i = 0; i < arrivals && !Thread.currentThread().isInterrupted(); i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.execute(() -> runOne(name, operation, intended));
        }
        finish(name, pool, timeout);
        return System.nanoTime() - start;
    }

    /** Runs tasks 0..count-1 on {@code concurrency} threads and answers the wall time in nanoseconds. */
    static long run(String name, int concurrency, int count, Duration timeout, IndexedTask task) {
        if (count == 0) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = pool(name, concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            pool.execute(() -> {
                int index;
                while ((index = next.getAndIncrement()) < count
                        && !Thread.currentThread().isInterrupted()) {
                    int current = index;
                    runOne(name, intended -> task.run(current), System.nanoTime());
                }
            });
        }
        finish(name, pool, timeout);
        return System.nanoTime() - start;
    }

    /** One numbered unit of work; it records its own latency and failure. */
    interface IndexedTask {
        void run(int index) throws Exception;
    }

    private static void runOne(String name, Operation operation, long intended) {
        try {
            operation.run(intended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The operation records its own failures; anything else is a bug in the benchmark.
            System.err.println("[bench] " + name + ": " + e);
        }
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, threads(name));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bench-" + name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void finish(String name, ExecutorService pool, Duration timeout) {
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
    }
}

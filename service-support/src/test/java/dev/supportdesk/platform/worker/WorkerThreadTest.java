package dev.supportdesk.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerThreadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void runsTheLoopOnANamedDaemonThreadUntilStopped() {
        WorkerThread worker = new WorkerThread("test-worker", PATIENCE);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        LinkedBlockingQueue<Object> never = new LinkedBlockingQueue<>();
        worker.start(() -> {
            ranOn.set(Thread.currentThread());
            while (worker.running()) {
                try {
                    never.take();
                } catch (InterruptedException e) {
                    // the stop's interrupt: the loop condition decides
                }
            }
        });
        await().atMost(PATIENCE).until(() -> ranOn.get() != null);
        assertThat(ranOn.get().getName()).isEqualTo("test-worker");
        assertThat(ranOn.get().isDaemon()).isTrue();
        assertThat(worker.running()).isTrue();

        worker.stop();

        assertThat(worker.running()).isFalse();
        assertThat(worker.alive()).isFalse();
        assertThat(ranOn.get().isAlive()).isFalse();
    }

    @Test
    void wakesALoopThatAnInterruptDoesNotEndBeforeWaitingForIt() {
        WorkerThread worker = new WorkerThread("woken-worker", PATIENCE);
        CountDownLatch woken = new CountDownLatch(1);
        worker.start(() -> awaitIgnoringInterrupts(woken));
        await().atMost(PATIENCE).until(worker::alive);

        worker.stop(woken::countDown);

        assertThat(worker.alive()).isFalse();
    }

    @Test
    void waitsNoLongerThanItsStopWaitForALoopThatDoesNotEnd() {
        WorkerThread worker = new WorkerThread("stubborn-worker", Duration.ofMillis(50));
        CountDownLatch released = new CountDownLatch(1);
        worker.start(() -> awaitIgnoringInterrupts(released));
        await().atMost(PATIENCE).until(worker::alive);

        worker.stop();

        assertThat(worker.running()).isFalse();
        assertThat(worker.alive()).isTrue();
        released.countDown();
        await().atMost(PATIENCE).until(() -> !worker.alive());
    }

    @Test
    void aStopBeforeAnyStartDoesNothing() {
        WorkerThread worker = new WorkerThread("unstarted-worker", PATIENCE);

        worker.stop();

        assertThat(worker.running()).isFalse();
        assertThat(worker.alive()).isFalse();
    }

    @Test
    void refusesANamelessWorkerAndAStopWaitOfZero() {
        assertThatThrownBy(() -> new WorkerThread(" ", PATIENCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerThread("w", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                if (latch.await(1, TimeUnit.DAYS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // stands for a call that an interrupt does not end (a Kafka poll, a socket read)
            }
        }
    }
}

package ledger.api.infrastructure.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class NodeLoopTest {

    @Test
    void a_loop_s_runs_never_overlap_whether_scheduled_or_handed_over() throws InterruptedException {
        NodeLoop loop = NodeLoop.start("test-loop");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Runnable work = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // long enough that a second thread, if there were one, would be caught inside
                long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } finally {
                running.decrementAndGet();
                runs.incrementAndGet();
            }
        };
        try {
            loop.every(Duration.ZERO, Duration.ofMillis(1), work);
            for (int i = 0; i < 200; i++) {
                loop.run(work);
                loop.after(Duration.ZERO, work);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 400);
            assertThat(most.get()).isEqualTo(1);
        } finally {
            loop.stop();
        }
    }

    @Test
    void the_work_runs_on_the_loop_s_own_named_daemon_thread() throws InterruptedException {
        NodeLoop loop = NodeLoop.start("named-loop");
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        try {
            loop.run(() -> {
                thread.set(Thread.currentThread());
                ran.countDown();
            });
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get().getName()).startsWith("named-loop");
            assertThat(thread.get().isDaemon()).isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void a_stopped_loop_interrupts_what_runs_and_refuses_new_work() throws InterruptedException {
        NodeLoop loop = NodeLoop.start("stopping-loop");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        loop.run(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        loop.stop();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.stopped()).isTrue();
        assertThat(loop.tryRun(() -> { })).isFalse();
        assertThatThrownBy(() -> loop.run(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}

package ledger.api.infrastructure.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Work one node does for itself, on one thread of its own: the sequencer's rounds, the outbox's
 * delivery, the segment balancing, the processors' wake-up, the witnesses' submissions, the vacuum
 * after an erasure. One thread because a loop's runs must never overlap (a round that starts while
 * another runs would read the same rows), on Spring's scheduler rather than a hand-made executor:
 * named daemon thread, shutdown that interrupts what runs and waits a bounded time. Fleet-wide work
 * is a {@link ClusterTasks} task instead.
 */
public final class NodeLoop {

    private static final int STOP_WAIT_SECONDS = 5;

    private final ThreadPoolTaskScheduler scheduler;

    private NodeLoop(ThreadPoolTaskScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A started loop on the thread {@code name}. */
    public static NodeLoop start(String name) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix(name);
        scheduler.setDaemon(true);
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        scheduler.initialize();
        return new NodeLoop(scheduler);
    }

    /** {@code work} every {@code delay} after the last run ended, the first after {@code initialDelay}. */
    public ScheduledFuture<?> every(Duration initialDelay, Duration delay, Runnable work) {
        return scheduler.scheduleWithFixedDelay(work, Instant.now().plus(initialDelay), delay);
    }

    /** {@code work} once, after {@code delay}; refused (RejectedExecutionException) once the loop stopped. */
    public ScheduledFuture<?> after(Duration delay, Runnable work) {
        return scheduler.schedule(work, Instant.now().plus(delay));
    }

    /** {@code work} once, as soon as the thread is free; refused once the loop stopped. */
    public void run(Runnable work) {
        scheduler.execute(work);
    }

    /** Interrupts what runs, drops what waits, and waits at most a few seconds for the thread to end. */
    public void stop() {
        scheduler.shutdown();
    }

    public boolean stopped() {
        return scheduler.getScheduledExecutor().isShutdown();
    }

    /** The loop's thread as a ScheduledExecutorService, for a framework that takes one (Axon's retry scheduler). */
    public ScheduledExecutorService executorService() {
        return scheduler.getScheduledExecutor();
    }

    /** Runs {@code work} as {@link #run}, answering false instead of failing when the loop stopped meanwhile. */
    public boolean tryRun(Runnable work) {
        try {
            run(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}

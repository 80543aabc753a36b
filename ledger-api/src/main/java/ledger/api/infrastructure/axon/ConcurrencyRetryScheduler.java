package ledger.api.infrastructure.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when it lost an optimistic-concurrency race (another node appended to
 * the same member first). Axon's interval scheduler would also retry every business refusal.
 */
final class ConcurrencyRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !isConcurrencyConflict(lastFailure)) {
            return false;
        }
        long backoffMillis = 5L * (1L << failures.size()) + ThreadLocalRandom.current().nextLong(10);
        executor.schedule(commandDispatch, backoffMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}

package ledger.api.support;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Runs commands as if they happened {@code ago} earlier: the ledger takes business time from
 * Axon's event clock, so a membership ended "three months ago" falls due now, and the persistent
 * deadline fires on the real clock without a test waiting for months.
 */
public final class TimeTravel {

    private TimeTravel() {
    }

    public static <T> T back(Duration ago, java.util.function.Supplier<T> action) {
        Clock original = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), ago.negated());
        try {
            return action.get();
        } finally {
            GenericEventMessage.clock = original;
        }
    }
}

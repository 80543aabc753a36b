package ledger.core.crypto;

import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Loads that need no personal data. While {@link #during} runs, the {@link CryptoShreddingSerializer}
 * reads every personal field as {@link #SEALED} and never asks the key vault for a key: erasure
 * loads its aggregate this way, so a key that cannot be unwrapped (a wrong or missing master key,
 * a damaged vault row) can never stop an erasure. The mode is a resource of the current unit of
 * work and ends with the load: whatever the command then records or snapshots is serialized and
 * read as usual.
 */
public final class SealedReading {

    /** What a personal field reads as during a sealed load; an aggregate's erase rules never look at it. */
    public static final String SEALED = "[sealed]";

    private static final String RESOURCE = SealedReading.class.getName();
    private static final String LOADED = RESOURCE + ".loaded";

    private SealedReading() {
    }

    /** Runs {@code load} in the current unit of work with personal fields sealed; needs a unit of work. */
    public static <T> T during(Supplier<T> load) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        boolean outermost = root.resources().putIfAbsent(RESOURCE, Boolean.TRUE) == null;
        root.resources().put(LOADED, Boolean.TRUE);
        try {
            return load.get();
        } finally {
            if (outermost) {
                root.resources().remove(RESOURCE);
            }
        }
    }

    /**
     * Whether the current unit of work loaded something sealed (its personal fields read {@link #SEALED}): such an
     * aggregate must not be kept beyond it (a cache would hand the sealed values to the next command).
     */
    public static boolean loadedInThisUnitOfWork() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources().containsKey(LOADED);
    }

    /** Whether a sealed load is running in the current unit of work. */
    public static boolean active() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources().containsKey(RESOURCE);
    }
}

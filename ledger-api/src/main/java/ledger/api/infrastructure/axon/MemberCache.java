package ledger.api.infrastructure.axon;

import java.time.Duration;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import com.github.benmanes.caffeine.cache.Caffeine;

import ledger.core.crypto.SealedReading;

/**
 * The members loaded by commands, kept between commands on this node so that a command does not
 * read and decrypt the member's snapshot and events again (docs/performance.md).
 * <p>
 * The event store's sequence check guards it: a command on a member that another node changed
 * meanwhile appends a sequence number that is taken, its unit of work rolls back, Axon's caching
 * repository drops the entry, and the command is retried once with a fresh load
 * ({@code ConcurrencyRetryScheduler}). An entry lives at most {@code ttl} after its last write and
 * there are at most {@code maximumSize}: the member's personal fields, held in memory by the aggregate,
 * are not kept longer than a short while after another node's erasure (this node's erasure clears
 * them in the aggregate itself). A member loaded sealed by an erasure is not kept.
 */
public final class MemberCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    public MemberCache(Duration ttl, long maximumSize) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    /** A member loaded sealed (an erasure's load) is not kept: its personal fields read "[sealed]". */
    @Override
    public void put(Object key, Object value) {
        if (SealedReading.loadedInThisUnitOfWork()) {
            entries.invalidate(key);
            return;
        }
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (SealedReading.loadedInThisUnitOfWork()) {
            entries.invalidate(key);
            return false;
        }
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    /** Nothing here listens to entries; Axon's repositories do not register listeners. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }
}

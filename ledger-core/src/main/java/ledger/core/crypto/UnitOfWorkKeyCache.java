package ledger.core.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Caches keys for the life of the current unit of work only (one command, one processor batch):
 * loading a member's 10,000 events asks the vault once, yet no cache can outlive an erasure on
 * any node, because the next unit of work asks the vault again.
 */
public final class UnitOfWorkKeyCache implements KeyVault {

    private static final String RESOURCE = UnitOfWorkKeyCache.class.getName();

    private final KeyVault vault;

    public UnitOfWorkKeyCache(KeyVault vault) {
        this.vault = vault;
    }

    @Override
    public byte[] keyForWriting(UUID subject) {
        Map<UUID, Optional<byte[]>> cache = cache();
        if (cache == null) {
            return vault.keyForWriting(subject);
        }
        Optional<byte[]> cached = cache.get(subject);
        if (cached != null && cached.isPresent()) {
            return cached.get();
        }
        if (cached != null) {
            throw new SubjectErased();
        }
        byte[] key = vault.keyForWriting(subject);
        cache.put(subject, Optional.of(key));
        return key;
    }

    @Override
    public Optional<byte[]> keyForReading(UUID subject) {
        Map<UUID, Optional<byte[]>> cache = cache();
        if (cache == null) {
            return vault.keyForReading(subject);
        }
        return cache.computeIfAbsent(subject, vault::keyForReading);
    }

    @Override
    public boolean shred(UUID subject) {
        Map<UUID, Optional<byte[]>> cache = cache();
        if (cache != null) {
            cache.put(subject, Optional.empty());
        }
        return vault.shred(subject);
    }

    private static Map<UUID, Optional<byte[]>> cache() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, k -> new HashMap<>());
    }
}

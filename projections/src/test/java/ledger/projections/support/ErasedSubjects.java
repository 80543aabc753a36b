package ledger.projections.support;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import ledger.core.erasure.ShredFence;

/**
 * The key vault's fence as the projections see it, controlled by the test: a subject is shredded
 * once a test says so. (The locking itself is the vault's and is tested against it in ledger-api.)
 */
@Component
public class ErasedSubjects implements ShredFence {

    private final Set<UUID> shredded = ConcurrentHashMap.newKeySet();

    public void shred(UUID subject) {
        shredded.add(subject);
    }

    @Override
    public boolean shreddedHolding(UUID subject) {
        return shredded.contains(subject);
    }
}

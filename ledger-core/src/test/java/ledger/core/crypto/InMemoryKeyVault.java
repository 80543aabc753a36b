package ledger.core.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The key vault's contract in memory, with tombstones, for tests. */
public final class InMemoryKeyVault implements KeyVault {

    private final Map<UUID, byte[]> keys = new HashMap<>();
    private final Map<UUID, Boolean> tombstones = new HashMap<>();
    private int reads;
    private boolean unreachable;

    @Override
    public byte[] keyForWriting(UUID subject) {
        if (tombstones.containsKey(subject)) {
            throw new SubjectErased();
        }
        return keys.computeIfAbsent(subject, s -> AesGcm.newKey());
    }

    @Override
    public Optional<byte[]> keyForReading(UUID subject) {
        reads++;
        if (unreachable) {
            throw new IllegalStateException("vault unreachable");
        }
        if (tombstones.containsKey(subject)) {
            return Optional.empty();
        }
        byte[] key = keys.get(subject);
        if (key == null) {
            throw new IllegalStateException("no key for subject");
        }
        return Optional.of(key);
    }

    @Override
    public boolean shred(UUID subject) {
        keys.remove(subject);
        return tombstones.put(subject, true) == null;
    }

    public boolean isShredded(UUID subject) {
        return tombstones.containsKey(subject);
    }

    public boolean hasKey(UUID subject) {
        return keys.containsKey(subject);
    }

    public int reads() {
        return reads;
    }

    public void unreachable(boolean value) {
        unreachable = value;
    }
}

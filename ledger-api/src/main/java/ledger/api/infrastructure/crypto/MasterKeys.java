package ledger.api.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ledger.core.crypto.AesGcm;

/**
 * The master key (KEK) that wraps every data key, plus the previous ones still needed to unwrap
 * keys not yet re-wrapped after a rotation. Keys are named by an id derived from their bytes,
 * so the database records which KEK wrapped a key without holding anything secret.
 */
public final class MasterKeys {

    private final byte[] current;
    private final String currentId;
    private final Map<String, byte[]> all = new LinkedHashMap<>();

    public MasterKeys(byte[] current, List<byte[]> previous) {
        this.current = requireKey(current);
        this.currentId = idOf(current);
        all.put(currentId, current);
        for (byte[] key : previous) {
            all.putIfAbsent(idOf(requireKey(key)), key);
        }
    }

    public static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a master key must be base64", e);
        }
        return requireKey(key);
    }

    public String currentId() {
        return currentId;
    }

    public byte[] wrap(UUID subject, byte[] dataKey) {
        return AesGcm.encrypt(current, dataKey, associatedData(subject));
    }

    byte[] unwrap(UUID subject, String kekId, byte[] wrapped) {
        byte[] kek = all.get(kekId);
        if (kek == null) {
            throw new IllegalStateException("data key wrapped by an unknown master key " + kekId
                    + ": configure it in LEDGER_PREVIOUS_MASTER_KEYS");
        }
        return AesGcm.decrypt(kek, wrapped, associatedData(subject));
    }

    private static byte[] associatedData(UUID subject) {
        return ("data-key|" + subject).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] requireKey(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException("a master key must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("ledger-kek-id|" + Base64.getEncoder().encodeToString(key)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

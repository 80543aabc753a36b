package ledger.api.infrastructure.keyvault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ledger.core.crypto.AesGcm;
import ledger.core.crypto.MasterKeyUnavailable;

/**
 * The master key (KEK) that wraps every data key, plus the previous ones still needed to unwrap
 * keys not yet re-wrapped after a rotation. Keys are named by an id derived from their bytes,
 * so the database records which KEK wrapped a key without holding anything secret. Which held key
 * wraps new data keys is the fleet's choice ({@link FleetMasterKey}), not this node's.
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

    /** The ids of every key this node holds: the current one first, then the previous ones. */
    public List<String> ids() {
        return List.copyOf(all.keySet());
    }

    public boolean holds(String kekId) {
        return all.containsKey(kekId);
    }

    /** Wraps under the current key (tools and tests); the service wraps under the fleet's active key. */
    public byte[] wrap(UUID subject, byte[] dataKey) {
        return wrap(subject, dataKey, currentId);
    }

    /** Wraps under the held key {@code kekId}; throws {@link MasterKeyUnavailable} when it is not held. */
    public byte[] wrap(UUID subject, byte[] dataKey, String kekId) {
        return AesGcm.encrypt(require(kekId), dataKey, associatedData(subject));
    }

    /**
     * Keys for another purpose derived from every held master key (HMAC-SHA-256 of the purpose's
     * label), the current one first: secrets of the service that never sit in the database, and
     * that a rotation keeps checkable through the previous keys.
     */
    public List<byte[]> derivedKeys(String purpose) {
        return all.values().stream().map(kek -> hmac(kek, ("ledger-derived-key|" + purpose)
                .getBytes(StandardCharsets.UTF_8))).toList();
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    byte[] unwrap(UUID subject, String kekId, byte[] wrapped) {
        return AesGcm.decrypt(require(kekId), wrapped, associatedData(subject));
    }

    private byte[] require(String kekId) {
        byte[] kek = all.get(kekId);
        if (kek == null) {
            throw new MasterKeyUnavailable("this node does not hold master key " + kekId + " (it holds " + ids()
                    + "): configure it in LEDGER_MASTER_KEY or LEDGER_PREVIOUS_MASTER_KEYS");
        }
        return kek;
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

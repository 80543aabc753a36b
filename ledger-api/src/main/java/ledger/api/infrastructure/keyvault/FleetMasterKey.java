package ledger.api.infrastructure.keyvault;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.core.crypto.AesGcm;
import ledger.core.crypto.MasterKeyUnavailable;

/**
 * The master key the whole fleet wraps new data keys under, recorded by id in
 * {@code master_key_registry}: set by the first node on an empty database and switched only by the
 * rotation. A node never wraps under a key of its own choosing, so a node started with a wrong key
 * cannot wrap keys the rest of the fleet cannot read.
 *
 * <p>At start ({@link #verifyAtStart}) a node refuses to run when the stored data keys are wrapped
 * by an id it does not hold, when a held key with a stored id does not unwrap sampled keys under
 * it, or when it does not hold the fleet's active key. Messages name ids only, never key material.
 * What can only change later (another node rotates to a key this node lacks) is seen by
 * {@link #problem} (readiness) and by {@link MasterKeyUnavailable} on the requests it affects.
 */
public class FleetMasterKey {

    private static final Logger log = LoggerFactory.getLogger(FleetMasterKey.class);

    /** Rows sampled per stored id at start: one that unwraps proves the key; a damaged row alone does not stop a node. */
    private static final int SAMPLES = 3;

    /** The distinct ids in the vault by a loose index scan: one index probe per id, whatever the number of rows. */
    private static final String STORED_IDS = """
            WITH RECURSIVE ids(kek_id) AS (
                (SELECT kek_id FROM data_key WHERE kek_id IS NOT NULL ORDER BY kek_id LIMIT 1)
                UNION ALL
                SELECT (SELECT d.kek_id FROM data_key d WHERE d.kek_id > ids.kek_id ORDER BY d.kek_id LIMIT 1)
                FROM ids WHERE ids.kek_id IS NOT NULL)
            SELECT kek_id FROM ids WHERE kek_id IS NOT NULL""";

    private final JdbcTemplate jdbc;
    private final MasterKeys keys;
    private final TransactionTemplate transactions;

    FleetMasterKey(JdbcTemplate jdbc, MasterKeys keys, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.transactions = transactions;
    }

    /** Refuses to start (throws) unless this node can unwrap every stored data key and holds the active key. */
    void verifyAtStart() {
        List<String> stored = storedIds();
        List<String> missing = stored.stream().filter(id -> !keys.holds(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the stored data keys are wrapped by master key ids "
                    + stored + ", but this node holds " + held() + "; missing " + missing
                    + ". Configure the fleet's master keys in LEDGER_MASTER_KEY and LEDGER_PREVIOUS_MASTER_KEYS.");
        }
        for (String id : stored) {
            sampleUnwrap(id);
        }
        String active = transactions.execute(status -> registerActive(stored));
        if (!keys.holds(active)) {
            throw new IllegalStateException("Refusing to start: the fleet wraps new data keys under master key id "
                    + active + ", but this node holds " + held() + ". Configure that key in LEDGER_MASTER_KEY or "
                    + "LEDGER_PREVIOUS_MASTER_KEYS.");
        }
        if (active.equals(keys.currentId())) {
            log.info("Master keys checked: stored data keys under {}; new data keys wrapped under {}", stored, active);
        } else {
            log.info("Master keys checked: stored data keys under {}; new data keys wrapped under the fleet's active"
                    + " key {} until a rotation makes this node's current key {} active", stored, active,
                    keys.currentId());
        }
    }

    /**
     * The id to wrap a new data key under, read in the caller's transaction with a lock that a
     * rotation's switch waits for: no key is wrapped under the old id once the switch commits.
     */
    String activeIdForWriting() {
        String active = jdbc.queryForObject("SELECT active_kek_id FROM master_key_registry WHERE id = 1 FOR KEY SHARE",
                String.class);
        if (!keys.holds(active)) {
            throw new MasterKeyUnavailable("the fleet wraps new data keys under master key " + active
                    + ", which this node does not hold (it holds " + keys.ids() + ")");
        }
        return active;
    }

    /** Makes {@code kekId} the fleet's active key, in the caller's transaction, after writers in flight. */
    void switchTo(String kekId) {
        if (!keys.holds(kekId)) {
            throw new MasterKeyUnavailable("cannot make master key " + kekId + " active: this node does not hold it");
        }
        jdbc.queryForObject("SELECT active_kek_id FROM master_key_registry WHERE id = 1 FOR UPDATE", String.class);
        jdbc.update("UPDATE master_key_registry SET active_kek_id = ?, changed_at = now() WHERE id = 1", kekId);
    }

    /** Why this node cannot serve with its master keys now, or {@code null}; ids only. */
    String problem() {
        List<String> missing = storedIds().stream().filter(id -> !keys.holds(id)).toList();
        if (!missing.isEmpty()) {
            return "data keys wrapped by master key ids " + missing + " that this node does not hold";
        }
        String active = jdbc.queryForObject("SELECT active_kek_id FROM master_key_registry WHERE id = 1", String.class);
        if (!keys.holds(active)) {
            return "the fleet's active master key " + active + " is not held by this node";
        }
        return null;
    }

    /** Every id this node holds, the current one marked. */
    private String held() {
        return keys.ids().stream().map(id -> id.equals(keys.currentId()) ? id + " (current)" : id).toList().toString();
    }

    private List<String> storedIds() {
        return jdbc.queryForList(STORED_IDS, String.class);
    }

    private void sampleUnwrap(String kekId) {
        record Sample(UUID subject, byte[] wrapped) {
        }
        List<Sample> samples = jdbc.query("SELECT subject_id, wrapped_key FROM data_key WHERE kek_id = ? LIMIT ?",
                (rs, i) -> new Sample(rs.getObject(1, UUID.class), rs.getBytes(2)), kekId, SAMPLES);
        int failed = 0;
        for (Sample sample : samples) {
            try {
                keys.unwrap(sample.subject(), kekId, sample.wrapped());
            } catch (AesGcm.TamperedCiphertext e) {
                failed++;
            }
        }
        if (!samples.isEmpty() && failed == samples.size()) {
            throw new IllegalStateException("Refusing to start: the master key this node holds as id " + kekId
                    + " does not unwrap the data keys stored under that id (" + failed + " of " + samples.size()
                    + " sampled): it is not the key that wrapped them. Configure the fleet's master keys.");
        }
        if (failed > 0) {
            log.warn("{} of {} sampled data keys under master key {} do not unwrap: damaged vault rows", failed,
                    samples.size(), kekId);
        }
    }

    /**
     * The active id, set first by this node when the registry is empty: the id of the newest stored
     * data key (what the fleet last wrapped under, on a database from before the registry), else
     * this node's current key.
     */
    private String registerActive(List<String> stored) {
        List<String> registered = jdbc.queryForList("SELECT active_kek_id FROM master_key_registry WHERE id = 1",
                String.class);
        if (!registered.isEmpty()) {
            return registered.get(0);
        }
        String initial = keys.currentId();
        if (!stored.isEmpty()) {
            initial = jdbc.query("SELECT kek_id FROM data_key WHERE kek_id IS NOT NULL ORDER BY created_at DESC LIMIT 1",
                    rs -> rs.next() ? rs.getString(1) : keys.currentId());
        }
        jdbc.update("INSERT INTO master_key_registry (id, active_kek_id) VALUES (1, ?) ON CONFLICT DO NOTHING", initial);
        return jdbc.queryForObject("SELECT active_kek_id FROM master_key_registry WHERE id = 1", String.class);
    }
}

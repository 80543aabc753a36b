package ledger.projections.history;

import java.time.Instant;

import ledger.core.shared.Actor;

/**
 * One consent event of a member as the consent history and the register extract show it: the
 * notice version and the SHA-256 of its text ({@code null} for consents recorded before notices were
 * registered by hash, and for erasures), the channel of a consent or withdrawal, who acted, and the
 * id of the stored event (its leaf and proof are at /api/v1/ledger; {@code null} for entries projected
 * before entries kept it, until a replay).
 */
public record ConsentEntry(long seq, String type, String purpose, String policyVersion, String noticeSha256,
                           String channel, Instant at, Actor actor, String eventId) {

    /** An entry without its event id (as the register extract reads them). */
    public ConsentEntry(long seq, String type, String purpose, String policyVersion, String noticeSha256,
                        String channel, Instant at, Actor actor) {
        this(seq, type, purpose, policyVersion, noticeSha256, channel, at, actor, null);
    }
}

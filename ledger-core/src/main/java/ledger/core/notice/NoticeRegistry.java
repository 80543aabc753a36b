package ledger.core.notice;

import java.util.List;
import java.util.Optional;

import ledger.core.notice.NoticeRefusals.UnknownNotice;

/**
 * The registered notices, written in the registering command's transaction (like the username
 * claims): a version registered on one node is known to every node as soon as it commits, and a
 * version can be registered only once across the fleet.
 */
public interface NoticeRegistry {

    Optional<PrivacyNotice> find(NoticeVersion version);

    /** Every registered notice, older first ({@link PrivacyNotice#CHRONOLOGICAL}). */
    List<PrivacyNotice> all();

    /**
     * Stores the notice unless its version is registered already (then nothing changes and the answer
     * is {@code false}); a concurrent registration of the version waits for the other to end.
     */
    boolean insert(PrivacyNotice notice);

    /** The notice a consent names; an unknown (or malformed) version is refused as {@code unknown-notice}. */
    default ConsentNotice consentNotice(String version) {
        if (!NoticeVersion.isValid(version)) {
            throw new UnknownNotice();
        }
        return find(NoticeVersion.of(version)).map(PrivacyNotice::consentNotice).orElseThrow(UnknownNotice::new);
    }
}

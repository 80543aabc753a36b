package ledger.core.notice;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import ledger.core.notice.NoticeRefusals.NoticeSuperseded;
import ledger.core.notice.NoticeRefusals.PurposeNotInNotice;
import ledger.core.notice.NoticeRefusals.UnknownNotice;

/**
 * The registered notice a consent rests on, as the caller of a consent command looked it up in the
 * registry (the aggregate never reads the registry): version, text hash and language, which the
 * consent event records, and when it takes effect and which purposes it describes, which the
 * aggregate checks.
 */
public record ConsentNotice(NoticeVersion version, String sha256, String language, Instant effectiveFrom,
                            Set<String> purposes, Instant supersededFrom) {

    /** A notice that no later version supersedes (yet). */
    public ConsentNotice(NoticeVersion version, String sha256, String language, Instant effectiveFrom,
                         Set<String> purposes) {
        this(version, sha256, language, effectiveFrom, purposes, null);
    }

    public ConsentNotice {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
    }

    /**
     * A consent to {@code purpose} at {@code now} may rest on this notice: in effect, not superseded by a later
     * version in effect, and it describes the purpose.
     */
    public void requireCovers(String purpose, Instant now) {
        if (effectiveFrom.isAfter(now)) {
            throw new UnknownNotice();
        }
        if (supersededFrom != null && !supersededFrom.isAfter(now)) {
            throw new NoticeSuperseded();
        }
        if (!purposes.contains(purpose)) {
            throw new PurposeNotInNotice();
        }
    }
}

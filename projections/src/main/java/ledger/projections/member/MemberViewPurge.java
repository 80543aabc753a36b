package ledger.projections.member;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ledger.core.erasure.DeadRowTables;
import ledger.core.erasure.SubjectDataPurge;

/**
 * Erasure nulls the member view's personal fields in the erasing transaction itself, so the
 * receipt's {@code projectionsPurged: true} holds when it is returned, however far the
 * projection lags behind (a lagging projection can only ever decrypt placeholders afterwards).
 */
@Component
class MemberViewPurge implements SubjectDataPurge, DeadRowTables {

    private final MemberViewRepository rows;

    MemberViewPurge(MemberViewRepository rows) {
        this.rows = rows;
    }

    @Override
    public void purge(UUID subject) {
        purge(subject, Instant.now());
    }

    /** The consents' {@code since} is the erasure event's time, as the projection of that event writes it. */
    @Override
    public void purge(UUID subject, Instant erasedAt) {
        MemberViewProjection.erase(rows, subject, erasedAt);
    }

    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("member_view", "member_view_download", "member_view_consent", "member_view_profile_value");
    }

    /** The profile's fields, now and as edited (the download titles and consents are not about the person). */
    @Override
    public Set<String> tablesWithPlaintext() {
        return Set.of("member_view", "member_view_profile_value");
    }
}

package ledger.projections.history;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberErased;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.MemberEvent;

/**
 * The member's full event trail for auditors (GET /members/{id}/history): type, time, actor and
 * the non-personal details. It survives erasure with the same entries, personal fields shown as
 * the erased placeholder.
 */
@Component
@ProcessingGroup(MemberHistoryProjection.NAME)
public class MemberHistoryProjection {

    public static final String NAME = "member-history";

    private final MemberHistoryRepository rows;

    public MemberHistoryProjection(MemberHistoryRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(MemberEvent event, @SequenceNumber long sequence) {
        rows.insert(event.memberId().value(), sequence, event.getClass().getSimpleName(), event.at(),
                event.by().principal(), event.by().role(), MaskedDetails.of(event, "memberId", "by", "at"),
                event.by().actingUser());
        if (event instanceof MemberErased) {
            rows.markErased(event.memberId().value(), MaskedDetails.maskedLiteral(), MaskedDetails.erasedLiteral());
        }
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }

    @QueryHandler
    public MemberTrail handle(FindMemberHistory query) {
        return MemberTrail.of(rows.trailOf(query.memberId().value()));
    }

    /** The trail and the last member event it reflects (-1: none). */
    public record MemberTrail(List<MemberHistoryRow> entries, long version) {

        /** The version is taken from the very rows returned: a second query could see more rows. */
        public static MemberTrail of(List<MemberHistoryRow> entries) {
            return new MemberTrail(entries, entries.stream().mapToLong(MemberHistoryRow::seq).max().orElse(-1));
        }
    }
}

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
import ledger.projections.support.BatchedRows;

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

    /** A batch's trail entries, written in one statement at its end (a replay writes one per member event). */
    static final BatchedRows.Table<MemberHistoryRow> ENTRIES = BatchedRows.Table.<MemberHistoryRow>into("member_history")
            .column("member_id", "uuid", MemberHistoryRow::memberId)
            .column("seq", "bigint", MemberHistoryRow::seq)
            .column("type", "text", MemberHistoryRow::type)
            .column("at", "timestamptz", MemberHistoryRow::at)
            .column("actor_principal", "text", MemberHistoryRow::actorPrincipal)
            .column("actor_role", "text", MemberHistoryRow::actorRole)
            .column("details", "text", MemberHistoryRow::details)
            .column("acting_user", "text", MemberHistoryRow::actingUser)
            .build("ON CONFLICT (member_id, seq) DO NOTHING");

    @EventHandler
    void on(MemberEvent event, @SequenceNumber long sequence) {
        MemberHistoryRow entry = new MemberHistoryRow(null, event.memberId().value(), sequence,
                event.getClass().getSimpleName(), event.at(), event.by().principal(), event.by().role(),
                MaskedDetails.of(event, "memberId", "by", "at"), event.by().actingUser());
        BatchedRows.add(ENTRIES, entry, () -> rows.insert(entry.memberId(), entry.seq(), entry.type(), entry.at(),
                entry.actorPrincipal(), entry.actorRole(), entry.details(), entry.actingUser()));
        if (event instanceof MemberErased) {
            // the erasure masks every entry of the member, those of this batch too
            BatchedRows.flush();
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

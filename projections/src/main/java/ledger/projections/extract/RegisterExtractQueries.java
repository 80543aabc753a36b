package ledger.projections.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.consent.FindMemberConsents;
import ledger.core.member.FindRegisterExtract;
import ledger.projections.consent.ConsentHistoryProjection;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.member.MemberProfileValueRow;
import ledger.projections.member.MemberView;
import ledger.projections.member.MemberViewProjection;

/**
 * The register extract is composed from two read models, the member view (with the profile values
 * the events still hold) and the consent history (the one source of consent events, as auditors
 * read them), with indexed lookups only: no event replay, however long the member's history.
 */
@Component
public class RegisterExtractQueries {

    private final MemberViewProjection memberView;
    private final ConsentHistoryProjection consentHistory;

    public RegisterExtractQueries(MemberViewProjection memberView, ConsentHistoryProjection consentHistory) {
        this.memberView = memberView;
        this.consentHistory = consentHistory;
    }

    @QueryHandler
    public Optional<RegisterExtractData> handle(FindRegisterExtract query) {
        UUID id = query.memberId().value();
        Optional<MemberView> view = memberView.view(id);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        List<RegisterExtractData.Download> downloads = memberView.downloads(id).stream()
                .map(d -> new RegisterExtractData.Download(d.documentId(), d.title(), d.at()))
                .toList();
        MemberConsents consents = consentHistory.handle(new FindMemberConsents(query.memberId()));
        return Optional.of(new RegisterExtractData(view.get(), downloads, consents.entries(),
                pastValues(memberView.profileValues(id)), Math.min(view.get().version(), consents.version())));
    }

    /** Each field's values but its current one, with when each was given and when it was replaced. */
    static List<RegisterExtractData.PastValue> pastValues(List<MemberProfileValueRow> values) {
        List<RegisterExtractData.PastValue> past = new ArrayList<>();
        for (int i = 0; i + 1 < values.size(); i++) {
            MemberProfileValueRow value = values.get(i);
            MemberProfileValueRow next = values.get(i + 1);
            if (value.field().equals(next.field())) {
                past.add(new RegisterExtractData.PastValue(value.field(), value.value(), value.at(), next.at()));
            }
        }
        return past;
    }
}

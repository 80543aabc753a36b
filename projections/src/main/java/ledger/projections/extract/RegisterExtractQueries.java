package ledger.projections.extract;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.consent.FindMemberConsents;
import ledger.core.member.FindRegisterExtract;
import ledger.projections.consent.ConsentHistoryProjection;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.member.MemberView;
import ledger.projections.member.MemberViewProjection;

/**
 * The register extract is composed from two read models, the member view and the consent history
 * (the one source of consent events, as auditors read them), with indexed lookups only: no event
 * replay, however long the member's history.
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
                Math.min(view.get().version(), consents.version())));
    }
}

package ledger.projections.extract;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.member.FindRegisterExtract;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;
import ledger.projections.history.MemberHistoryRepository;
import ledger.projections.member.MemberView;
import ledger.projections.member.MemberViewProjection;

/**
 * The register extract is composed from two read models, the member view and the member history,
 * with indexed lookups only: no event replay, however long the member's history.
 */
@Component
public class RegisterExtractQueries {

    private final MemberViewProjection memberView;
    private final MemberHistoryRepository history;

    public RegisterExtractQueries(MemberViewProjection memberView, MemberHistoryRepository history) {
        this.memberView = memberView;
        this.history = history;
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
        MemberTrail trail = MemberTrail.of(history.trailOf(id));
        return Optional.of(new RegisterExtractData(view.get(), downloads, trail.consents(),
                Math.min(view.get().version(), trail.version())));
    }
}

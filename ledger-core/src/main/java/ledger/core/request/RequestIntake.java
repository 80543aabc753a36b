package ledger.core.request;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import ledger.core.member.Member;
import ledger.core.member.MemberRefusals.UnknownMember;
import ledger.core.shared.StoredAggregates;

/**
 * Records a request for a member the ledger knows (another kind of id, or none at all, is an
 * unknown member: 404) and opens it in the {@link RequestBook}, in the same transaction.
 */
public class RequestIntake {

    private static final String MEMBER = Member.class.getSimpleName();

    private final Repository<DataSubjectRequest> requests;
    private final StoredAggregates stored;
    private final RequestBook book;

    public RequestIntake(Repository<DataSubjectRequest> requests, StoredAggregates stored, RequestBook book) {
        this.requests = requests;
        this.stored = stored;
        this.book = book;
    }

    @CommandHandler
    public RequestId handle(RecordRequest command) throws Exception {
        if (!stored.typeOf(command.memberId().toString()).map(MEMBER::equals).orElse(false)) {
            throw new UnknownMember();
        }
        requests.newInstance(() -> new DataSubjectRequest(command));
        book.open(command.requestId(), command.memberId(), command.type(), command.receivedAt());
        return command.requestId();
    }
}

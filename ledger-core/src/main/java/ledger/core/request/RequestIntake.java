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
        if (command.memberId() == null) {
            // a requester known by contact data only: opened in the book once linked to a member
            requests.newInstance(() -> new DataSubjectRequest(command));
            return command.requestId();
        }
        requireMember(command.memberId());
        requests.newInstance(() -> new DataSubjectRequest(command));
        book.open(command.requestId(), command.memberId(), command.type(), command.receivedAt());
        return command.requestId();
    }

    /** The request is a member's from now on: opened in the book, so their answering event completes it. */
    @CommandHandler
    public void handle(LinkRequest command) {
        requireMember(command.memberId());
        RequestBook.OpenRequest open = requests.load(command.requestId().toString())
                .invoke(request -> request.link(command));
        book.open(command.requestId(), command.memberId(), open.type(), open.receivedAt());
    }

    private void requireMember(ledger.core.member.MemberId member) {
        if (!stored.typeOf(member.toString()).map(MEMBER::equals).orElse(false)) {
            throw new UnknownMember();
        }
    }
}

package ledger.core.request;

import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import ledger.core.request.MemberEventLookup.MemberEventRef;
import ledger.core.request.RequestBook.OpenRequest;
import ledger.core.request.RequestRefusals.AnswerUsed;
import ledger.core.request.RequestRefusals.WrongResult;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * Completes and refuses requests. A completion links a member event that exists, belongs to the
 * request's member and answers its kind of request, and claims it in the {@link RequestBook}: one
 * event completes one request. An answering event completes the member's oldest open request it
 * answers by itself ({@link AnswerRequests}).
 */
public class RequestClosing {

    private final Repository<DataSubjectRequest> requests;
    private final MemberEventLookup events;
    private final RequestBook book;

    public RequestClosing(Repository<DataSubjectRequest> requests, MemberEventLookup events, RequestBook book) {
        this.requests = requests;
        this.events = events;
        this.book = book;
    }

    @CommandHandler
    public void handle(CompleteRequest command, RetentionPolicy retention, DeadlineManager deadlines) {
        requests.load(command.requestId().toString()).execute(request -> {
            if (request.memberId() == null) {
                throw new WrongResult();
            }
            MemberEventRef answer = events.find(request.memberId(), command.resultingEventSeq())
                    .filter(found -> found.type().equals(command.resultingEventType()))
                    .orElseThrow(WrongResult::new);
            request.complete(answer, command.resultingEventSeq(), command.requestedBy());
            claim(request, command.resultingEventSeq());
            request.closed(retention, deadlines);
        });
    }

    /** Answers the started days past the deadline (0: in time). */
    @CommandHandler
    public long handle(RefuseRequest command, RetentionPolicy retention, DeadlineManager deadlines) {
        return requests.load(command.requestId().toString()).invoke(request -> {
            long daysLate = request.refuse(command);
            book.close(request.requestId());
            request.closed(retention, deadlines);
            return daysLate;
        });
    }

    /** Answers whether a request was completed; records nothing when none is open for this event. */
    @CommandHandler
    public boolean handle(AnswerRequests command, RetentionPolicy retention, DeadlineManager deadlines) {
        Optional<MemberEventRef> answer = events.find(command.memberId(), command.sequence());
        if (answer.isEmpty() || book.answered(command.memberId(), command.sequence())) {
            return false;
        }
        for (OpenRequest open : book.openOf(command.memberId())) {
            if (!open.type().completedBy(answer.get().type())) {
                continue;
            }
            Aggregate<DataSubjectRequest> candidate = requests.load(open.requestId().toString());
            boolean answerable = candidate.invoke(request -> request.answerableBy(answer.get()));
            if (answerable) {
                candidate.execute(request -> {
                    request.complete(answer.get(), command.sequence(), Actor.SYSTEM);
                    claim(request, command.sequence());
                    request.closed(retention, deadlines);
                });
                return true;
            }
        }
        return false;
    }

    private void claim(DataSubjectRequest request, long sequence) {
        if (!book.claimAnswer(request.memberId(), sequence, request.requestId())) {
            throw new AnswerUsed();
        }
        book.close(request.requestId());
    }
}

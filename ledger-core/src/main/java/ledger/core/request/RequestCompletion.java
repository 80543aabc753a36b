package ledger.core.request;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import ledger.core.request.RequestRefusals.WrongResult;

/** Completes a request only with a member event that exists and answers that kind of request. */
public class RequestCompletion {

    private final Repository<DataSubjectRequest> requests;
    private final MemberEventLookup events;

    public RequestCompletion(Repository<DataSubjectRequest> requests, MemberEventLookup events) {
        this.requests = requests;
        this.events = events;
    }

    @CommandHandler
    public void handle(CompleteRequest command) {
        requests.load(command.requestId().toString()).execute(request -> {
            String actual = events.typeOf(request.memberId(), command.resultingEventSeq()).orElse(null);
            if (actual == null || !actual.equals(command.resultingEventType()) || !request.type().completedBy(actual)) {
                throw new WrongResult();
            }
            request.complete(command);
        });
    }
}

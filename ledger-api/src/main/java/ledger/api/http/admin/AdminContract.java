package ledger.api.http.admin;

import org.springframework.stereotype.Component;

import ledger.api.application.operations.DeadLetters;
import ledger.api.application.operations.MasterKeyRotation;
import ledger.api.application.operations.ProjectionReplay;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class AdminContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Operations", "Read models and the master key (ADMIN).");
        api.schema(ProjectionReplay.Status.class, "ReadModelStatus", "A read model's processor (read models "
                + "can share one: member-view and member-history; consent-history, erasure-receipts and "
                + "data-subject-requests): position, head, whether it is running or replaying.");
        api.schema(DeadLetters.Letter.class, "DeadLetter", "A poison event parked by a processing group: its "
                + "event, position in the sequence (the aggregate), when and the cause's type and SQLState; "
                + "never the event's content or the exception's text.");
        api.schema(DeadLetters.Retry.class, "DeadLetterGroupRetry", "How many parked sequences of a "
                + "processing group were handled completely, and how many letters are left.");
        api.schema(DeadLettersController.LetterRetry.class, "DeadLetterRetry", "A retried letter's sequence "
                + "was handled completely; the letters left in its processing group.");
        api.schema(MasterKeyRotation.Result.class, "MasterKeyRotationResult", "The active master key and how "
                + "many data keys were re-wrapped.");
    }
}

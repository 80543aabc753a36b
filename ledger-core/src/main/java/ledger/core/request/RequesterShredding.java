package ledger.core.request;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import ledger.core.crypto.KeyVault;

/**
 * Shreds a request's own key when its requester's retention ended: the contact data in every stored copy
 * of the request's events reads as erased at once, as a member's erasure does for the member's data.
 */
public class RequesterShredding {

    private final Repository<DataSubjectRequest> requests;
    private final KeyVault keys;

    public RequesterShredding(Repository<DataSubjectRequest> requests, KeyVault keys) {
        this.requests = requests;
        this.keys = keys;
    }

    @CommandHandler
    public void handle(ShredRequesterData command) {
        keys.shred(command.requestId().value());
        requests.load(command.requestId().toString()).execute(request -> request.shredded(command.requestedBy()));
    }
}

package ledger.api.automation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import ledger.core.contactcase.ContactCaseErasureDue;
import ledger.core.contactcase.EraseContactCase;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.EraseMember;
import ledger.core.member.ErasureDue;
import ledger.core.request.RequesterDataDue;
import ledger.core.request.ShredRequesterData;
import ledger.core.shared.Actor;

/**
 * Storage limitation (Art. 5(1)(e)) on its own: when erasure falls due (a persistent deadline
 * passed, or the last legal hold was released) the ledger erases. Runs as a tracking processor,
 * so a due erasure is carried out even if the node that recorded it stopped; the command runs in
 * the processor's transaction and a repetition is harmless (erasure is idempotent). It is no read
 * model: a replay must not send its commands again, so it cannot be reset.
 */
@Component
@ProcessingGroup(RetentionAutomation.NAME)
@DisallowReplay
class RetentionAutomation {

    static final String NAME = "retention-automation";

    private final CommandGateway commands;

    RetentionAutomation(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(ErasureDue event) {
        commands.sendAndWait(EraseMember.automatic(event.memberId(), event.ground()));
    }

    /** A requester's contact data (a request of someone who is no member) is shredded when its retention ends. */
    @EventHandler
    void on(RequesterDataDue event) {
        commands.sendAndWait(new ShredRequesterData(event.requestId(), Actor.SYSTEM));
    }

    @EventHandler
    void on(ContactCaseErasureDue event) {
        commands.sendAndWait(new EraseContactCase(event.caseId(), ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM));
    }
}

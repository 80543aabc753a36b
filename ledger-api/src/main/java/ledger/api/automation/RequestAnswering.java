package ledger.api.automation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.MembershipEnded;
import ledger.core.member.ObjectionRecorded;
import ledger.core.member.ProcessingRestricted;
import ledger.core.member.ProfileEdited;
import ledger.core.member.ProfileFieldRemoved;
import ledger.core.member.RegisterExtractIssued;
import ledger.core.request.AnswerRequests;

/**
 * Art. 12(3): the member event that answers a request completes it by itself. For each member
 * event that answers some kind of request (an extract, an edit, an erasure, a withdrawal, a
 * restriction, an objection) the ledger completes the member's oldest open, verified request of
 * that kind received before the event, if any ({@link AnswerRequests}; one event completes one
 * request). The open requests are read from the request book, which commits with the commands, so
 * a request recorded before the event committed is always seen. No read model: it cannot be reset.
 */
@Component
@ProcessingGroup(RequestAnswering.NAME)
@DisallowReplay
class RequestAnswering {

    static final String NAME = "request-answering";

    private final CommandGateway commands;

    RequestAnswering(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(RegisterExtractIssued event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(ProfileEdited event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(ProfileFieldRemoved event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(MemberErased event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(MembershipEnded event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(ProcessingRestricted event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    @EventHandler
    void on(ObjectionRecorded event, @SequenceNumber long sequence) {
        answer(event.memberId(), sequence);
    }

    private void answer(MemberId member, long sequence) {
        commands.sendAndWait(new AnswerRequests(member, sequence));
    }
}

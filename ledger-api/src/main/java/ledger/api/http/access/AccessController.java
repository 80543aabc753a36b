package ledger.api.http.access;

import ledger.api.infrastructure.persistence.ReadAudit;

import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ledger.core.member.MemberRefusals.UnknownMember;

/** DPM: who read a member's personal data, when and why. */
@RestController
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class AccessController {

    private final ReadAudit audit;
    private final EventStore events;

    AccessController(ReadAudit audit, EventStore events) {
        this.audit = audit;
        this.events = events;
    }

    @GetMapping("/{memberId}/accesses")
    List<ReadAudit.Access> accesses(@PathVariable UUID memberId) {
        if (events.lastSequenceNumberFor(memberId.toString()).isEmpty()) {
            throw new UnknownMember();
        }
        return audit.accessesOf(memberId);
    }
}

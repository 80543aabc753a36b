package ledger.api.http.access;

import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.reading.ReadAudit;
import ledger.api.http.security.Roles;
import ledger.core.member.MemberRefusals.UnknownMember;

/** DPM: who read a member's personal data, when and why. */
@RestController
@Tag(name = "Erasure")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class AccessController {

    private final ReadAudit audit;
    private final EventStore events;

    AccessController(ReadAudit audit, EventStore events) {
        this.audit = audit;
        this.events = events;
    }

    @Operation(
            summary = "List reads of a member's data",
            description = "Every recorded read of the member's personal data.")
    @RolesAllowed(Roles.DPM)
    @GetMapping("/{memberId}/accesses")
    List<ReadAudit.Access> accesses(@PathVariable UUID memberId) {
        if (events.lastSequenceNumberFor(memberId.toString()).isEmpty()) {
            throw new UnknownMember();
        }
        return audit.accessesOf(memberId);
    }
}

package ledger.api.http.member;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.member.MemberReading;
import ledger.api.application.reading.ReadAudit;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.EditProfile;
import ledger.core.member.EndMembership;
import ledger.core.member.MemberId;
import ledger.core.member.MembershipEndReason;
import ledger.core.member.RecordDownload;
import ledger.core.member.RecordPortalUse;
import ledger.core.member.RegisterMember;
import ledger.core.notice.NoticeRegistry;
import ledger.core.shared.Refusal;
import ledger.projections.member.MemberView;

/** The portal's commands on members: request -> command -> gateway -> status. */
@RestController
@Tag(name = "Members")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class MemberController {

    private final CommandGateway commands;
    private final MemberReading reading;
    private final NoticeRegistry notices;
    private final ProfileMergePatch mergePatch;

    MemberController(CommandGateway commands, MemberReading reading, NoticeRegistry notices,
                     ProfileMergePatch mergePatch) {
        this.mergePatch = mergePatch;
        this.commands = commands;
        this.reading = reading;
        this.notices = notices;
    }

    @Operation(
            summary = "Register a member",
            description = "Registers a member with consent to portal-membership; 409 when the username (or a "
                    + "look-alike of it) is taken.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @RolesAllowed(Roles.PORTAL)
    @ReplayableAnswer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MemberRequests.Registered> registerMember(@Valid @RequestBody MemberRequests.Register request) {
        MemberId id = request.memberId() != null ? MemberId.of(request.memberId()) : MemberId.random();
        List<RegisterMember.ConsentRequest> consents = request.consents().stream()
                .map(c -> new RegisterMember.ConsentRequest(c.purpose(), notices.consentNotice(c.policyVersion(),
                        c.language()),
                        c.channelOrPortal()))
                .toList();
        MemberId registered = commands.sendAndWait(new RegisterMember(id, request.username(), request.givenName(),
                request.familyName(), request.company(), request.email(), consents, Callers.current()));
        return ResponseEntity.created(URI.create("/api/v1/members/" + registered))
                .body(new MemberRequests.Registered(registered.value()));
    }

    /**
     * The member used the portal (e.g. signed in): records the day of last use, at most one event a day,
     * which keeps the membership from ending for inactivity (ledger.retention.inactivity). 204 either way.
     */
    @Operation(
            summary = "Record a use of the portal",
            description = "The member used the portal (e.g. signed in): records the day of last use, at most "
                    + "one event a day. Without use for ledger.retention.inactivity (24 months by default) the "
                    + "membership ends as ceased; 30 days before, the recipients configured for it are told (the "
                    + "portal mails the member). 409 membership-ended once it ended.")
    @RolesAllowed(Roles.PORTAL)
    @PostMapping(path = "/{memberId}/activity")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordActivity(@PathVariable UUID memberId) {
        commands.sendAndWait(new RecordPortalUse(MemberId.of(memberId), Callers.current()));
    }

    @ReplayableAnswer
    // no body on success: a client that accepts only problem details (as a generated one does) may call it
    @Operation(
            summary = "Record a download",
            description = "Records a document the member downloaded.")
    @RolesAllowed(Roles.PORTAL)
    @PostMapping(path = "/{memberId}/downloads", consumes = MediaType.APPLICATION_JSON_VALUE, produces = {
            MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    void recordDownload(@PathVariable UUID memberId, @Valid @RequestBody MemberRequests.Download request) {
        commands.sendAndWait(new RecordDownload(MemberId.of(memberId), request.documentId(), request.title(),
                Callers.current()));
    }

    @Operation(operationId = "editProfile",
            summary = "Edit the profile",
            description = "Changes profile fields; the username can never change (422). As "
                    + "application/merge-patch+json (RFC 7396) a field set to null is removed: company may be, "
                    + "the other fields are required (400 field-required). The answer is recorded as a read. The "
                    + "DPM may rectify on the member's behalf (actor DPM).")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @PatchMapping(path = "/{memberId}/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    MemberView editProfile(@PathVariable UUID memberId, @Valid @RequestBody MemberRequests.ProfileChange request,
                           @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        // the answer shows the profile: recorded as a read, for rectification unless declared otherwise
        String declared = purpose == null ? "rectification" : ReadAudit.requirePurpose(purpose);
        MemberId id = MemberId.of(memberId);
        commands.sendAndWait(new EditProfile(id, request.givenName(), request.familyName(), request.company(),
                request.email(), request.username(), Callers.current()));
        return reading.read(memberId, Callers.current(), declared, "member-view");
    }

    /** The same edit as a JSON merge patch (RFC 7396): {@code null} removes an optional field. */
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @Operation(operationId = "editProfile")
    @PatchMapping(path = "/{memberId}/profile", consumes = MERGE_PATCH)
    MemberView mergeProfile(@PathVariable UUID memberId,
                            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                                    mediaType = MERGE_PATCH, schema = @Schema(ref = "#/components/schemas/ProfileChange")))
                            @RequestBody JsonNode patch,
                            @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        String declared = purpose == null ? "rectification" : ReadAudit.requirePurpose(purpose);
        ProfileMergePatch.Edit edit = mergePatch.read(patch);
        MemberRequests.ProfileChange request = edit.changes();
        MemberId id = MemberId.of(memberId);
        commands.sendAndWait(new EditProfile(id, request.givenName(), request.familyName(), request.company(),
                request.email(), request.username(), edit.removed(), Callers.current()));
        return reading.read(memberId, Callers.current(), declared, "member-view");
    }

    static final String MERGE_PATCH = "application/merge-patch+json";

    /** INACTIVITY is set by the ledger's own inactivity rule, never by a caller. */
    static final class InactivityIsTheLedgers extends Refusal {
        InactivityIsTheLedgers() {
            super(Kind.INVALID, "invalid-reason", "reason must be CEASED_PARTNER, MEMBER_REQUEST or MISUSE");
        }
    }

    @Operation(
            summary = "Read a member",
            description = "The member view; needs X-Purpose, and the read is recorded.")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @GetMapping("/{memberId}")
    MemberView view(@PathVariable UUID memberId, @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        String declared = ReadAudit.requirePurpose(purpose);
        return reading.read(memberId, Callers.current(), declared, "member-view");
    }

    @Operation(
            summary = "End the membership",
            description = "Ends the membership; the member's data is erased after the retention period.")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/membership-end", consumes = MediaType.APPLICATION_JSON_VALUE)
    MemberRequests.Ended endMembership(@PathVariable UUID memberId,
                                       @Valid @RequestBody MemberRequests.MembershipEnd request) {
        if (request.reason() == MembershipEndReason.INACTIVITY) {
            throw new InactivityIsTheLedgers();
        }
        Instant due = commands.sendAndWait(new EndMembership(MemberId.of(memberId), request.reason(),
                Callers.current()));
        return new MemberRequests.Ended(due);
    }
}

package ledger.api.http.restriction;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.LiftRestriction;
import ledger.core.member.MemberId;
import ledger.core.member.RecordObjection;
import ledger.core.member.RestrictProcessing;
import ledger.core.member.RestrictionGround;

/**
 * DPM: restriction of processing (Art. 18) and its lifting, and objections (Art. 21). While a
 * member's processing is restricted, consents, downloads and register extracts are refused with
 * 409 {@code processing-restricted}; an objection ends processing for its purpose.
 */
@RestController
@Tag(name = "Erasure")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class RestrictionController {

    record Restriction(@NotNull RestrictionGround ground) {
    }

    /** The ground that stands: restricting a restricted member keeps the first one. */
    record Restricted(UUID memberId, RestrictionGround ground, boolean processingRestricted) {
    }

    record Objection(@NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:-]+$") String purpose) {
    }

    /** The consents the objection withdrew (none when it was recorded before). */
    record Objected(UUID memberId, String purpose, List<String> withdrawn) {
    }

    private final CommandGateway commands;

    RestrictionController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(
            summary = "Restrict processing",
            description = "Art. 18: the data is kept, but consents and downloads are refused (409 "
                    + "processing-restricted; register extracts are still issued: access is the member's right); "
                    + "rectification, withdrawal, erasure and lifting pass. A retention erasure waits.")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/restriction", consumes = MediaType.APPLICATION_JSON_VALUE)
    Restricted restrict(@PathVariable UUID memberId, @Valid @RequestBody Restriction request) {
        RestrictionGround standing = commands.sendAndWait(new RestrictProcessing(MemberId.of(memberId),
                request.ground(), Callers.current()));
        return new Restricted(memberId, standing, true);
    }

    @Operation(
            summary = "Lift the restriction",
            description = "Ends the restriction of processing; a deferred retention erasure then runs unless "
                    + "a hold stands.")
    @ApiResponse(responseCode = "204", description = "No content")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @DeleteMapping(path = "/{memberId}/restriction", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> lift(@PathVariable UUID memberId) {
        commands.sendAndWait(new LiftRestriction(MemberId.of(memberId), Callers.current()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Record an objection",
            description = "Art. 21: processing for the purpose ends (its consent is withdrawn; for "
                    + "portal-membership the membership ends).")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/objections", consumes = MediaType.APPLICATION_JSON_VALUE)
    Objected recordObjection(@PathVariable UUID memberId, @Valid @RequestBody Objection request) {
        List<String> withdrawn = commands.sendAndWait(new RecordObjection(MemberId.of(memberId), request.purpose(),
                Callers.current()));
        return new Objected(memberId, request.purpose(), withdrawn);
    }
}

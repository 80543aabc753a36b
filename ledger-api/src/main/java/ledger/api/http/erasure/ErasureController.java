package ledger.api.http.erasure;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.EraseContactCase;
import ledger.core.erasure.ErasureGround;

/**
 * The DPM's erasure of a member or a contact case. The command shreds the key and purges the read
 * side in one transaction, so when this answers, the receipt's {@code keyShredded} and
 * {@code projectionsPurged} are facts.
 */
@RestController
@Tag(name = "Erasure")
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasureController {

    /** {@code reason} is accepted but not stored: free text tends to carry personal data. */
    record Erasure(@NotNull ErasureGround ground, @Size(max = 500) @Pattern(regexp = Fields.PRINTABLE) String reason) {
    }

    /** Without a body a contact case is erased on the ground that the person asked for it. */
    record CaseErasure(ErasureGround ground) {

        ErasureGround groundOrDefault() {
            return ground == null ? ErasureGround.MEMBER_REQUEST : ground;
        }
    }

    record CaseErased(UUID caseId, ErasureGround ground, Instant erasedAt, boolean keyShredded) {
    }

    private final CommandGateway commands;
    private final MemberErasures erasures;

    ErasureController(CommandGateway commands, MemberErasures erasures) {
        this.commands = commands;
        this.erasures = erasures;
    }

    /**
     * While a legal hold stands the erasure is recorded and deferred (it runs when the last hold is
     * released) and answered 409 {@code legal-hold}, naming the holds, with {@code erasureDeferred: true}.
     */
    @Operation(
            summary = "Erase a member",
            description = "Shreds the member's data key and purges the read models. While a legal hold "
                    + "stands the erasure is recorded and deferred, and answered 409 legal-hold naming the holds "
                    + "(erasureDeferred: true); it runs when the last hold is released.")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/members/{memberId}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    MemberErasures.Receipt erase(@PathVariable UUID memberId, @Valid @RequestBody Erasure request) {
        return erasures.erase(memberId, request.ground(), Callers.current());
    }

    /** The same answer on repetition (the first erasure's time). */
    @Operation(
            summary = "Erase a contact case",
            description = "Shreds the contact case's data key.")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping("/contact-cases/{caseId}/erasure")
    CaseErased eraseContactCase(@PathVariable UUID caseId, @RequestBody(required = false) CaseErasure request) {
        ErasureGround ground = request == null ? ErasureGround.MEMBER_REQUEST : request.groundOrDefault();
        Instant erasedAt = commands.sendAndWait(new EraseContactCase(ContactCaseId.of(caseId), ground,
                Callers.current()));
        return new CaseErased(caseId, ground, erasedAt, true);
    }
}

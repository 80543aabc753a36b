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

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/restriction", consumes = MediaType.APPLICATION_JSON_VALUE)
    Restricted restrict(@PathVariable UUID memberId, @Valid @RequestBody Restriction request) {
        RestrictionGround standing = commands.sendAndWait(new RestrictProcessing(MemberId.of(memberId),
                request.ground(), Callers.current()));
        return new Restricted(memberId, standing, true);
    }

    @ReplayableAnswer
    @DeleteMapping(path = "/{memberId}/restriction", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> lift(@PathVariable UUID memberId) {
        commands.sendAndWait(new LiftRestriction(MemberId.of(memberId), Callers.current()));
        return ResponseEntity.noContent().build();
    }

    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/objections", consumes = MediaType.APPLICATION_JSON_VALUE)
    Objected recordObjection(@PathVariable UUID memberId, @Valid @RequestBody Objection request) {
        List<String> withdrawn = commands.sendAndWait(new RecordObjection(MemberId.of(memberId), request.purpose(),
                Callers.current()));
        return new Objected(memberId, request.purpose(), withdrawn);
    }
}

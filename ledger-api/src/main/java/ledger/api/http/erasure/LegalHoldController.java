package ledger.api.http.erasure;

import java.net.URI;
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
import ledger.api.http.support.Fields;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberId;
import ledger.core.member.PlaceLegalHold;
import ledger.core.member.ReleaseLegalHold;

/** DPM: legal holds (Art. 17(3)) keep a member's data despite erasure until released. */
@RestController
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class LegalHoldController {

    record Hold(@NotNull LegalHoldGround ground,
                @NotBlank @Size(max = 500) @Pattern(regexp = Fields.PRINTABLE) String reason) {
    }

    record Placed(UUID holdId) {
    }

    private final CommandGateway commands;

    LegalHoldController(CommandGateway commands) {
        this.commands = commands;
    }

    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/legal-holds", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Placed> place(@PathVariable UUID memberId, @Valid @RequestBody Hold request) {
        UUID holdId = UUID.randomUUID();
        commands.sendAndWait(new PlaceLegalHold(MemberId.of(memberId), holdId, request.ground(), request.reason(),
                Callers.current()));
        return ResponseEntity.created(URI.create("/api/v1/members/" + memberId + "/legal-holds/" + holdId))
                .body(new Placed(holdId));
    }

    @ReplayableAnswer
    @DeleteMapping("/{memberId}/legal-holds/{holdId}")
    ResponseEntity<Void> release(@PathVariable UUID memberId, @PathVariable UUID holdId) {
        commands.sendAndWait(new ReleaseLegalHold(MemberId.of(memberId), holdId, Callers.current()));
        return ResponseEntity.noContent().build();
    }
}

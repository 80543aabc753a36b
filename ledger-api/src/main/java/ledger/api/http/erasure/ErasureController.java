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

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ledger.api.http.support.Callers;
import ledger.core.member.EraseMember;
import ledger.core.member.ErasureGround;
import ledger.core.member.ErasureReceipt;
import ledger.core.member.MemberId;

/**
 * The DPM's erasure. The command shreds the key and purges the read side in one transaction, so
 * when this answers, the receipt's {@code keyShredded} and {@code projectionsPurged} are facts.
 */
@RestController
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class ErasureController {

    /** {@code reason} is accepted but not stored: free text tends to carry personal data. */
    record Erasure(@NotNull ErasureGround ground, @Size(max = 500) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String reason) {
    }

    record Receipt(UUID memberId, ErasureGround ground, Instant erasedAt, boolean keyShredded,
                   boolean projectionsPurged) {
    }

    private final CommandGateway commands;

    ErasureController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/{memberId}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    Receipt erase(@PathVariable UUID memberId, @Valid @RequestBody Erasure request) {
        ErasureReceipt receipt = commands.sendAndWait(
                EraseMember.manual(MemberId.of(memberId), request.ground(), Callers.current()));
        return new Receipt(receipt.memberId().value(), receipt.ground(), receipt.erasedAt(), true, true);
    }
}
